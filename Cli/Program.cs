using Spectre.Console;
using TDeveloper.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await new TDevApp(AnsiConsole.Console, Console.Out, Console.Error).RunAsync(args, cancel.Token);
