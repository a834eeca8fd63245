using System.CommandLine;

namespace Willow.Cli.Client;

/// <summary>The options every client command takes to find its hub and household.</summary>
public sealed class ClientOptions
{
    public Option<string> Hub { get; } = new("--hub") { Description = "The hub's address (default: WILLOW_HUB_URL, then the saved profile)." };

    public Option<string> Token { get; } = new("--token") { Description = "An API token (default: WILLOW_TOKEN, then the saved profile)." };

    public Option<Guid?> Household { get; } = new("--household") { Description = "The household id, when the token belongs to several." };

    public Option<string> Profile { get; } = new("--profile")
    {
        Description = "The profile file 'willow login' writes.",
        DefaultValueFactory = _ => ClientProfile.DefaultPath,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Hub);
        command.Options.Add(Token);
        command.Options.Add(Household);
        command.Options.Add(Profile);
    }

    /// <summary>A client for the resolved hub, for commands that concern the person rather than a household.</summary>
    public HubClient Connect(ParseResult parse)
    {
        var profile = ClientProfile.Resolve(parse.GetValue(Hub), parse.GetValue(Token), parse.GetValue(Household), parse.GetValue(Profile)!);
        return profile.HubUrl is null || profile.Token is null
            ? throw new CliException("Not signed in. Run 'willow login --hub URL --email you@example.org', or 'willow demo'.", ExitCodes.Usage)
            : new HubClient(profile.HubUrl, profile.Token);
    }

    /// <summary>Builds a client for the resolved hub, and finds the household if only one is possible.</summary>
    public async Task<(HubClient Client, Guid HouseholdId)> ConnectAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var profile = ClientProfile.Resolve(parse.GetValue(Hub), parse.GetValue(Token), parse.GetValue(Household), parse.GetValue(Profile)!);
        if (profile.HubUrl is null || profile.Token is null)
        {
            throw new CliException(
                "No hub configured. Run 'willow demo', or 'willow login --hub URL --email you@example.org', or pass --hub and --token.", ExitCodes.Usage);
        }

        var client = new HubClient(profile.HubUrl, profile.Token);
        if (profile.HouseholdId is { } household)
        {
            return (client, household);
        }

        var households = await client.HouseholdsAsync(cancellationToken);
        return households.Count switch
        {
            1 => (client, households[0].Id),
            0 => throw new CliException("You belong to no household yet: join one with 'willow join CODE', or create one with 'willow household create'."),
            _ => throw new CliException(
                $"You belong to {households.Count} households; pass --household with one of: {string.Join(", ", households.Select(h => $"{h.Id} ({h.Name})"))}.",
                ExitCodes.Usage),
        };
    }
}
