using Willow.Cli;
using Willow.Cli.Output;

return await WillowCli.RunAsync(WillowCli.CreateRoot(Terminal.Console, TimeProvider.System), args, Terminal.Console);
