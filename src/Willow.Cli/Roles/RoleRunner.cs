using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Willow.Cli.Roles;

/// <summary>Runs a hub, gateway or agent until it is stopped, turning start-up failures into one clear line.</summary>
public static class RoleRunner
{
    public static async Task<int> RunAsync(string role, Func<WebApplication> build, bool exitWithStdin, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = build();
        }
        catch (OptionsValidationException ex)
        {
            throw new CliException($"willow {role}: {string.Join(" ", ex.Failures)}", ExitCodes.Usage);
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (OptionsValidationException ex)
            {
                throw new CliException($"willow {role}: {string.Join(" ", ex.Failures)}", ExitCodes.Usage);
            }
            catch (IOException ex) when (ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException($"willow {role}: {ex.Message} Choose another port with --urls.", ExitCodes.Usage);
            }

            if (exitWithStdin)
            {
                // Started by 'willow demo': when the demo goes away (even killed), its pipe closes and so do we.
                var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
                _ = Task.Run(async () =>
                {
                    while (await Console.In.ReadLineAsync(CancellationToken.None) is not null)
                    {
                    }

                    lifetime.StopApplication();
                }, CancellationToken.None);
            }

            await app.WaitForShutdownAsync(cancellationToken);
            await app.StopAsync(CancellationToken.None);
        }

        return ExitCodes.Success;
    }
}
