using System.Text.RegularExpressions;
using Willow.Testing;

namespace Willow.System.Tests.Deploy;

/// <summary>
/// deploy/docker/Dockerfile, read rather than built: no Docker engine can run here and no image can be pulled, so
/// these check, by reading it as BuildKit would, what a build would do — the stages and their platforms, the
/// cross-publish, the user, the health check — and that everything it copies from the repository is there and is
/// not left out of the build context by its .dockerignore.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly string DockerfilePath = Repository.PathTo("deploy", "docker", "Dockerfile");
    private readonly Dockerfile _file = Dockerfile.Read(DockerfilePath);

    [Fact]
    public void Stages_BuildOnTheBuildMachinesPlatform_AndRunOnTheTargets_ByReading()
    {
        Assert.Equal(["dashboard", "publish", "willow", "willow-agent"], _file.Stages.Select(s => s.Name));
        Assert.Equal("$BUILDPLATFORM", _file["dashboard"].Platform);
        Assert.Equal("$BUILDPLATFORM", _file["publish"].Platform);
        Assert.StartsWith("node:", _file["dashboard"].Image, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", _file["publish"].Image, StringComparison.Ordinal);

        // The images people run are for the target platform, on the .NET runtime's dependencies only (the file is
        // self-contained); the agent image is the same plus its tools.
        Assert.Null(_file["willow"].Platform);
        Assert.Equal("mcr.microsoft.com/dotnet/runtime-deps:${DOTNET_VERSION}", _file["willow"].Image);
        Assert.Contains(_file.Global, a => a.Arguments == "DOTNET_VERSION=10.0");
        Assert.Equal("willow", _file["willow-agent"].Image);
    }

    [Fact]
    public void Publish_CrossPublishesTheSingleFileForTheTargetArchitecture_AsScriptsPublishDoes_ByReading()
    {
        var publish = _file["publish"];
        Assert.Contains(publish.All("ARG"), a => a.Arguments == "TARGETARCH");

        var run = Assert.Single(publish.All("RUN"), r => r.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        // --os linux --arch amd64|arm64 is -r linux-x64|linux-arm64: the SDK reads Docker's 'amd64' as x64.
        Assert.Contains("dotnet publish src/Willow.Cli/Willow.Cli.csproj -c Release --os linux --arch \"$TARGETARCH\"", run.Arguments, StringComparison.Ordinal);
        Assert.Contains("dotnet publish src/Willow.Cli/Willow.Cli.csproj -c Release -r \"$rid\"", File.ReadAllText(Repository.PathTo("scripts", "publish.sh")), StringComparison.Ordinal);

        // The dashboard lands where the Cli project picks it up as wwwroot/, and the images copy both from /out.
        Assert.Contains(publish.All("COPY"), c => c.Arguments == "--from=dashboard /src/web/dist/ web/dist/");
        Assert.Contains(@"..\..\web\dist\**\*", File.ReadAllText(Repository.PathTo("src", "Willow.Cli", "Willow.Cli.csproj")), StringComparison.Ordinal);
    }

    [Fact]
    public void HubAndGatewayImage_RunsNothingOnTheTargetPlatform_SoNeedsNoEmulatorToBuild_ByReading()
    {
        Assert.Empty(_file["willow"].All("RUN"));
    }

    [Theory]
    [InlineData("willow")]
    [InlineData("willow-agent")]
    public void Image_RunsAsTheNonRootUser_WithTheWillowEntryPoint_ByReading(string target)
    {
        // willow-agent inherits willow's ENTRYPOINT and HEALTHCHECK, and must end as the unprivileged user again.
        var stages = target == "willow" ? [_file["willow"]] : new[] { _file["willow"], _file["willow-agent"] };
        var instructions = stages.SelectMany(s => s.Instructions).ToList();

        Assert.Equal("$APP_UID", instructions.Last(i => i.Keyword == "USER").Arguments);
        Assert.Equal("[\"willow\"]", instructions.Last(i => i.Keyword == "ENTRYPOINT").Arguments);
        Assert.Contains(instructions, i => i.Keyword == "VOLUME" && i.Arguments == "[\"/var/lib/willow\"]");

        // The data directories belong to that user (1654, the base image's 'app'), made without a RUN.
        Assert.Contains(_file["willow"].All("COPY"), c => c.Arguments.Contains("--chown=1654:1654", StringComparison.Ordinal) && c.Arguments.EndsWith(" /var/lib/willow/", StringComparison.Ordinal));
    }

    [Fact]
    public void Image_ChecksItsHealthOnHealthReady_ByReading()
    {
        var check = Assert.Single(_file["willow"].All("HEALTHCHECK"));

        Assert.Matches("--start-period=[0-9]+s", check.Arguments);
        Assert.EndsWith("CMD [\"willow-health\"]", check.Arguments, StringComparison.Ordinal);
        Assert.Contains("path=\"/health/ready\"", File.ReadAllText(Repository.PathTo("deploy", "docker", "willow-health")), StringComparison.Ordinal);
    }

    [Fact]
    public void AgentImage_AddsTheToolsTheDriversRun()
    {
        var run = Assert.Single(_file["willow-agent"].All("RUN"));

        Assert.Contains("apt-get install -y --no-install-recommends ffmpeg espeak-ng alsa-utils libgpiod2", run.Arguments, StringComparison.Ordinal);
        Assert.Contains("rm -rf /var/lib/apt/lists/*", run.Arguments, StringComparison.Ordinal);
    }

    /// <summary>Each COPY from the build context names something the repository has, and the .dockerignore keeps it.</summary>
    [Fact]
    public void EveryCopyFromTheContext_ExistsInTheRepository_AndIsNotIgnored()
    {
        var ignore = DockerIgnore.Read(DockerfilePath + ".dockerignore");
        var sources = _file.Stages.SelectMany(s => s.All("COPY"))
            .Select(c => c.Split())
            .Where(c => !c.Flags.ContainsKey("from"))
            .SelectMany(c => c.Words.SkipLast(1))
            .ToList();

        Assert.Contains("src/", sources);
        foreach (var source in sources)
        {
            var path = Repository.PathTo(source.TrimEnd('/').Split('/'));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"The Dockerfile copies {source}, which the repository does not have.");
            Assert.False(ignore.Excludes(source), $"The Dockerfile copies {source}, which Dockerfile.dockerignore leaves out of the context.");
        }

        // What the build needs inside those folders is in the context; a developer's build outputs are not.
        Assert.False(ignore.Excludes("src/Willow.Cli/Willow.Cli.csproj"));
        Assert.False(ignore.Excludes("web/src/main.tsx"));
        Assert.True(ignore.Excludes("src/Willow.Cli/bin/Debug/net10.0/willow.dll"));
        Assert.True(ignore.Excludes("web/node_modules/react/index.js"));
        Assert.True(ignore.Excludes(".git/HEAD"));
        Assert.True(ignore.Excludes("tests/Willow.System.Tests/Deploy/DockerfileTests.cs"));
    }

    [Fact]
    public void BakeFile_BuildsBothImagesForBothPlatforms_FromThisDockerfile()
    {
        var bake = File.ReadAllText(Repository.PathTo("deploy", "docker", "docker-bake.hcl"));

        Assert.Contains("dockerfile = \"deploy/docker/Dockerfile\"", bake, StringComparison.Ordinal);
        Assert.Contains("platforms  = [\"linux/amd64\", \"linux/arm64\"]", bake, StringComparison.Ordinal);
        Assert.Contains("targets = [\"willow\", \"willow-agent\"]", bake, StringComparison.Ordinal);
        foreach (Match target in Regex.Matches(bake, "target\\s+=\\s+\"([^\"]+)\""))
        {
            Assert.Contains(_file.Stages, s => s.Name == target.Groups[1].Value);
        }
    }
}
