using System.Globalization;
using Chronicle.Core.Delivery;
using Chronicle.Core.Persistence;

namespace Chronicle.Cli.Delivery;

/// <summary>
/// `deliver [--once] [--folder PATH] [--database PATH | --postgres CONNECTION] [--batch N] [--lease-seconds N]
/// [--poll-seconds N] [--from ADDRESS]`: sends the email outbox. With --once it sends everything due and stops;
/// otherwise it keeps polling until stopped. Mail goes to .eml files in the folder ("outbox" by default).
/// </summary>
public static class DeliverCommand
{
    public const string Usage = """
          chronicle deliver [--once] [--folder PATH] [--database PATH | --postgres CONNECTION]
                            [--batch N] [--lease-seconds N] [--poll-seconds N] [--from ADDRESS]
                                                        send the email outbox (to .eml files in PATH, default outbox/)
        """;

    /// <param name="wrapTransport">Lets a caller put something around the transport (a test that stops it mid-batch).</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, TextWriter output, TextWriter error, Func<IMailTransport, IMailTransport>? wrapTransport = null, CancellationToken ct = default)
    {
        var once = false;
        string folder = "outbox", sqlite = Path.Combine("data", "chronicle.db");
        var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
        var options = new DeliveryOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a whole number above 0");
            try
            {
                switch (args[i])
                {
                    case "--once": once = true; break;
                    case "--folder": folder = Value(); break;
                    case "--database": sqlite = Value(); postgres = null; break;
                    case "--postgres": postgres = Value(); break;
                    case "--batch": options = options with { BatchSize = Number() }; break;
                    case "--lease-seconds": options = options with { Lease = TimeSpan.FromSeconds(Number()) }; break;
                    case "--poll-seconds": options = options with { PollInterval = TimeSpan.FromSeconds(Number()) }; break;
                    case "--from": options = options with { From = Value() }; break;
                    default: throw new ArgumentException($"deliver: unknown option {args[i]}");
                }
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync(ex.Message);
                await error.WriteLineAsync(Usage);
                return 2;
            }
        }

        var settings = string.IsNullOrWhiteSpace(postgres) ? DatabaseSettings.Sqlite(sqlite) : DatabaseSettings.Postgres(postgres);
        if (!settings.UsesPostgres && !File.Exists(settings.SqlitePath))
        {
            await error.WriteLineAsync($"deliver: there is no database at {Path.GetFullPath(settings.SqlitePath)}; start Chronicle once to create it, or give --database");
            return 2;
        }
        IMailTransport transport = new FolderMailTransport(folder);
        if (wrapTransport is not null) transport = wrapTransport(transport);
        var worker = new DeliveryWorker(() => new ChronicleDb(settings.Options()), transport, TimeProvider.System, options);

        if (once)
        {
            var sent = await worker.DrainAsync(ct);
            await output.WriteLineAsync($"Delivered {sent} message{(sent == 1 ? "" : "s")} from {settings.Describe()} to {Path.GetFullPath(folder)}");
            return 0;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            await output.WriteLineAsync($"Delivering from {settings.Describe()} to {Path.GetFullPath(folder)} every {options.PollInterval.TotalSeconds:0} seconds; Ctrl+C stops");
            await worker.RunAsync(stop.Token);
            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
