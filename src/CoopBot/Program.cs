using CoopBot.Cli;

Console.OutputEncoding = System.Text.Encoding.UTF8;
Console.InputEncoding = System.Text.Encoding.UTF8;
return CommandLine.Run(args, Console.In, Console.Out, Console.Error);
