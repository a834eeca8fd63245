using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Willow.Agent.Capabilities.Speaker;
using Willow.Testing;

namespace Willow.Agent.Tests.Speaker;

/// <summary>The sound library: never empty, uploads kept only whole and playable.</summary>
public sealed class SoundLibraryTests : IDisposable
{
    private readonly TempDirectory _directory = new("sounds");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void NewLibrary_HasTheBuiltInsAsPlayablePcmWavs()
    {
        var library = Library();

        Assert.Equal(["call", "chime", "whistle"], library.Names());
        foreach (var name in library.Names())
        {
            Assert.True(library.TryFind(name, out var path));
            Assert.True(WavFile.TryDescribe(path, out var format, out var problem), problem);
            Assert.Equal((1, 22_050, 16), (format.Channels, format.SampleRateHertz, format.BitsPerSample));
            Assert.InRange(format.Duration, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2));
        }
    }

    [Fact]
    public async Task BuiltIn_ReplacedByAnUpload_IsNotOverwrittenAtTheNextStart()
    {
        var library = Library();
        var mine = BuiltInSounds.Render("whistle");

        await library.SaveAsync("call", mine, isOgg: false, CancellationToken.None);
        Library().TryFind("call", out var path);

        Assert.Equal(mine, File.ReadAllBytes(path!));
    }

    [Fact]
    public async Task Save_NotPlayable_KeepsNothing_NotEvenATemporaryFile()
    {
        var library = Library();
        var before = Directory.GetFiles(library.Directory).Order().ToList();

        var (created, problem) = await library.SaveAsync("bark", Encoding.ASCII.GetBytes("RIFF\0\0\0\0WAVEjunk"), isOgg: false, CancellationToken.None);

        Assert.False(created);
        Assert.NotNull(problem);
        Assert.Equal(before, Directory.GetFiles(library.Directory).Order().ToList());
    }

    [Fact]
    public void Names_LeaveOutFilesThatAreNotSounds()
    {
        var library = Library();
        File.WriteAllText(Path.Combine(library.Directory, "notes.txt"), "");
        File.WriteAllBytes(Path.Combine(library.Directory, "Loud Bark.wav"), BuiltInSounds.Render("call"));
        File.WriteAllBytes(Path.Combine(library.Directory, ".upload-1234.tmp"), []);

        Assert.Equal(["call", "chime", "whistle"], library.Names());
    }

    [Theory]
    [InlineData("compressed")]
    [InlineData("no-data")]
    [InlineData("not-riff")]
    public void Describe_UnplayableWav_SaysWhy(string what)
    {
        var wav = BuiltInSounds.Render("call");
        var bytes = what switch
        {
            "compressed" => Patch(wav, 20, 0x55), // MPEG layer 3 inside a WAV
            "no-data" => wav[..44].Select((b, i) => i is >= 40 and < 44 ? (byte)0 : b).ToArray(),
            _ => Encoding.ASCII.GetBytes("ID3 an mp3 file"),
        };

        Assert.False(WavFile.TryDescribe(bytes, out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    private static byte[] Patch(byte[] bytes, int at, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] = value;
        return copy;
    }

    private SoundLibrary Library() => new(_directory.Path, TimeProvider.System, NullLogger<SoundLibrary>.Instance);
}
