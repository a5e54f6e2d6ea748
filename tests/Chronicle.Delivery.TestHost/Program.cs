using Chronicle.Cli.Delivery;
using Chronicle.Core.Delivery;

// `deliver` as the command line runs it, with two hooks for the test that kills it: CHRONICLE_TEST_SEND_LOG names
// a file that gets a line per message written, and CHRONICLE_TEST_PAUSE_AFTER=N makes the worker write message
// N+1 and then hang before it can mark it sent, which is the moment a crash is most likely to duplicate a message.
var log = Environment.GetEnvironmentVariable("CHRONICLE_TEST_SEND_LOG");
int? pauseAfter = int.TryParse(Environment.GetEnvironmentVariable("CHRONICLE_TEST_PAUSE_AFTER"), out var n) ? n : null;
return await DeliverCommand.RunAsync(args, Console.Out, Console.Error, inner => new ObservedTransport(inner, log, pauseAfter));

internal sealed class ObservedTransport(IMailTransport inner, string? log, int? pauseAfter) : IMailTransport
{
    private int _sent;

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        await inner.SendAsync(mail, ct);
        if (log is not null) await File.AppendAllTextAsync(log, mail.MessageId + Environment.NewLine, ct);
        if (pauseAfter is { } after && ++_sent > after)
        {
            await Console.Out.WriteLineAsync($"paused after writing {mail.MessageId}");
            await Console.Out.FlushAsync(ct);
            await Task.Delay(Timeout.Infinite, ct);
        }
    }
}
