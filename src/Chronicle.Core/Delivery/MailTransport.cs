using System.Globalization;
using System.Text;

namespace Chronicle.Core.Delivery;

/// <summary>An email as the transport sends it. The same outbox message always becomes the same Message-ID.</summary>
public sealed record OutgoingMail(string MessageId, string From, string To, string Subject, string Body, DateTimeOffset Date)
{
    /// <summary>The message as RFC 5322 text: plain UTF-8, CRLF line ends.</summary>
    public string ToMime()
    {
        var text = new StringBuilder();
        text.Append("Message-ID: <").Append(MessageId).Append(">\r\n");
        text.Append("Date: ").Append(Date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture)).Append(" +0000\r\n");
        text.Append("From: ").Append(From).Append("\r\n");
        text.Append("To: ").Append(To).Append("\r\n");
        text.Append("Subject: ").Append(EncodeHeader(Subject)).Append("\r\n");
        text.Append("MIME-Version: 1.0\r\n");
        text.Append("Content-Type: text/plain; charset=utf-8\r\n");
        text.Append("Content-Transfer-Encoding: 8bit\r\n\r\n");
        text.Append(Body.ReplaceLineEndings("\r\n"));
        if (!Body.EndsWith('\n')) text.Append("\r\n");
        return text.ToString();
    }

    private static string EncodeHeader(string value) =>
        value.All(c => c is >= ' ' and <= '~') ? value : $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}?=";
}

/// <summary>How Chronicle's emails leave it. A transport either sends the message or throws.</summary>
public interface IMailTransport
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

/// <summary>
/// Delivers each email as an .eml file named by its Message-ID in a folder (the default, for local runs and tests,
/// or for a mail relay that picks up files). The file is written under a temporary name and renamed into place,
/// so a reader never sees half a message, and a resend of the same message replaces its file instead of adding one.
/// </summary>
public sealed class FolderMailTransport(string folder) : IMailTransport
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var final = Path.Combine(Folder, FileName(mail.MessageId));
        var temp = Path.Combine(Folder, $".{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(mail.ToMime()), ct);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, final, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static string FileName(string messageId) =>
        new string([.. messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '@' or '.' or '-' or '_' ? c : '_')]) + ".eml";
}
