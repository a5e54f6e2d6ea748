using Chronicle.Cli.Audit;
using Chronicle.Cli.Delivery;
using Chronicle.Cli.Identity;
using Chronicle.Cli.Learning;
using Chronicle.Cli.Scenarios;
using Chronicle.Cli.Synthetic;

return await Chronicle.Cli.Commands.RunAsync(args, Console.Out, Console.Error);

namespace Chronicle.Cli
{
    /// <summary>The command line: replaying scenarios, importing learning documents, checking the audit chain, writing a synthetic partnership.</summary>
    public static class Commands
    {
        public const string Usage = """
            Usage:
              chronicle replay FILE... [--check] [--json]   play scenario files on a simulated clock
              chronicle import-brief FILE [--json]          read a learning document into a draft review
              chronicle deliver [--once] [--folder DIR] [--database PATH | --postgres CONNECTION]
                                                            send the email outbox (to .eml files, default outbox/)
              chronicle audit verify [--sqlite PATH | --postgres CONNECTION] [--key-file PATH] [--checkpoints PATH] [--json]
                                                            check the audit chain, the entries it seals and the
                                                            checkpoints; name every break (exit 1)
              chronicle audit checkpoint [--sqlite PATH | --postgres CONNECTION] [--key-file PATH] [--checkpoints PATH]
                                                            append a signed checkpoint of the chain's head
              chronicle synth --children N --database sqlite:PATH|postgres:CONNECTION [--json]
                                                            write a synthetic partnership of N children to sign in to
              chronicle link FILE --agency CODE [--json] [--sqlite PATH | --postgres CONNECTION]
                                                            link an agency's list (CSV or FHIR Patients) to the people on record
            """;

        public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                await output.WriteLineAsync(Usage);
                return args.Length == 0 ? 2 : 0;
            }
            var flags = args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToHashSet();
            var files = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
            switch (args[0])
            {
                case "replay":
                    var unknown = flags.Except(["--check", "--json"]).ToList();
                    if (unknown.Count > 0 || files.Count == 0)
                        return await FailAsync(error, unknown.Count > 0 ? $"replay: unknown option {unknown[0]}" : "replay: name at least one scenario file");
                    return await ReplayCommand.RunAsync(files, flags.Contains("--check"), flags.Contains("--json"), output, error);
                case "import-brief":
                    if (flags.Except(["--json"]).FirstOrDefault() is { } bad) return await FailAsync(error, $"import-brief: unknown option {bad}");
                    if (files.Count != 1) return await FailAsync(error, "import-brief: name one learning document");
                    return await ImportBriefCommand.RunAsync(files[0], flags.Contains("--json"), output, error);
                case "deliver":
                    return await DeliverCommand.RunAsync([.. args.Skip(1)], output, error);
                case "synth":
                    return await SynthCommand.RunAsync([.. args.Skip(1)], output, error);
                case "audit":
                    if (args.Length >= 2 && args[1] == "verify") return await AuditCommand.VerifyAsync([.. args.Skip(2)], output, error);
                    if (args.Length >= 2 && args[1] == "checkpoint") return await AuditCommand.CheckpointAsync([.. args.Skip(2)], output, error);
                    return await FailAsync(error, "audit: the audit commands are 'audit verify' and 'audit checkpoint'");
                case "link":
                    return await LinkCommand.RunAsync([.. args.Skip(1)], output, error);
                default:
                    return await FailAsync(error, $"'{args[0]}' is not a command");
            }
        }

        private static async Task<int> FailAsync(TextWriter error, string message)
        {
            await error.WriteLineAsync(message);
            await error.WriteLineAsync(Usage);
            return 2;
        }
    }
}
