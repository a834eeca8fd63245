using Willow.Hosting;

namespace Willow.Hub.Commands;

public static class CommandServiceExtensions
{
    public static IHostApplicationBuilder AddCommands(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CommandOptions>().BindConfiguration(CommandOptions.Section).ValidateWith(new CommandOptionsValidator()).ValidateOnStart();
        builder.Services.AddSingleton<Live.LiveUpdates>();
        builder.Services.AddSingleton<Live.LiveWatchers>();
        builder.Services.AddSingleton<CommandIssuer>();
        builder.Services.AddSingleton<CommandDispatcher>();
        builder.Services.AddSingleton<CommandProgress>();
        builder.Services.AddSingleton<ExpiredCommandSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExpiredCommandSweeper>());
        return builder;
    }
}
