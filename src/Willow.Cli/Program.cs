using System.CommandLine;
using Willow.Cli;
using Willow.Cli.Client;
using Willow.Cli.Demo;
using Willow.Cli.Output;
using Willow.Cli.Roles;

var terminal = Terminal.Console;
var time = TimeProvider.System;

var root = new RootCommand("Willow: medication and treats for a pet, on schedule or on demand, at home and from anywhere.")
{
    RoleCommands.Hub(),
    RoleCommands.Gateway(),
    RoleCommands.Agent(),
    DemoCommand.Create(terminal, time),
    ClientCommands.Feed(terminal, time),
    ClientCommands.Call(terminal, time),
    ClientCommands.Status(terminal),
    ClientCommands.Login(terminal),
};

return await WillowCli.RunAsync(root, args, terminal);
