using Willow.Core.Commands;
using Willow.Testing;

namespace Willow.Hub.Tests;

/// <summary>A fresh hub per test, with a connected gateway that reported a dispenser and a speaker.</summary>
public abstract class HubTestBase : IAsyncLifetime
{
    protected const string Dispenser = "treat-dispenser";
    protected const string Speaker = "speaker";

    private readonly TempDirectory _directory = new("hub");

    internal HubHost Hub { get; private set; } = null!;

    internal TestGateway Gateway { get; private set; } = null!;

    protected virtual IDictionary<string, string?>? Settings => null;

    public virtual async ValueTask InitializeAsync()
    {
        Hub = await HubHost.StartAsync(_directory, Settings);
        Gateway = await TestGateway.ConnectAsync(Hub);
        await Gateway.ReportDevicesAsync((Dispenser, Capability.Dispenser, true), (Speaker, Capability.Speaker, true));
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Hub.DisposeAsync();
        _directory.Dispose();
    }
}
