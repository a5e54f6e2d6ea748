namespace Chronicle.Cli.Tests;

/// <summary>Runs the command line in-process, as the `chronicle` program does, capturing what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Commands.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
