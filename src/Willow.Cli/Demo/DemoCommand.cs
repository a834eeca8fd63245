using System.CommandLine;
using Willow.Cli.Client;
using Willow.Cli.Output;

namespace Willow.Cli.Demo;

public static class DemoCommand
{
    public static Command Create(Terminal terminal, TimeProvider time)
    {
        var urls = new Option<string>("--urls") { Description = "Where the hub listens.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var dataDir = new Option<string>("--data-dir") { Description = "Where the demo keeps its data.", DefaultValueFactory = _ => DemoSetup.DefaultDataDirectory };
        var noLogin = new Option<bool>("--no-login") { Description = "Do not save the demo hub and token as the CLI's profile." };
        var profile = new Option<string>("--profile") { Description = "Where to save the CLI profile.", DefaultValueFactory = _ => ClientProfile.DefaultPath };
        var mqtt = Roles.RoleCommands.MqttOption("the demo household's devices (the demo's gateway publishes them)");
        var command = new Command("demo", "Run a whole demo home on this machine: hub, gateway and simulated agents.") { urls, dataDir, noLogin, profile, mqtt };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(urls)!;
            if (text.Contains(';', StringComparison.Ordinal) || !Uri.TryCreate(text, UriKind.Absolute, out var hubUrl) || hubUrl.Scheme != "http" || hubUrl.Port <= 0)
            {
                throw new CliException($"--urls '{text}' must be one http://host:port address, e.g. http://127.0.0.1:5080.", ExitCodes.Usage);
            }

            var broker = Roles.RoleCommands.Broker(parse.GetValue(mqtt));
            var supervisor = new DemoSupervisor(terminal, time);
            return await supervisor.RunAsync(hubUrl, Path.GetFullPath(parse.GetValue(dataDir)!), !parse.GetValue(noLogin), parse.GetValue(profile)!, ct, broker);
        });
        return command;
    }
}
