using System.Globalization;
using System.Text;

namespace Chronicle.Core.Audit;

/// <summary>A signed record, kept outside the database, of where the chain's head was at a moment.</summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, long KeyedFrom, DateTimeOffset At, int Line);

/// <summary>What the checkpoint file holds: its signed lines, and the numbers of lines that are not.</summary>
public sealed record AuditCheckpointFile(string Path, bool Exists, IReadOnlyList<AuditCheckpoint> Checkpoints, IReadOnlyList<int> BadLines)
{
    public AuditCheckpoint? Last => Checkpoints.MaxBy(c => c.Sequence);
}

/// <summary>
/// The checkpoint file: append-only lines "SEQUENCE HEAD-HASH KEYED-FROM TIME SIGNATURE", each signed with the audit
/// key (HMAC-SHA256). Someone who rewrites the database cannot make its chain agree with them, nor write new ones.
/// </summary>
public static class AuditCheckpoints
{
    private const string Purpose = "chronicle-audit-checkpoint/1";

    public static string Line(AuditKey key, long sequence, string hash, long keyedFrom, DateTimeOffset at)
    {
        var fields = string.Join(' ', sequence.ToString(CultureInfo.InvariantCulture), hash, keyedFrom.ToString(CultureInfo.InvariantCulture),
            at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        return fields + " " + key.Sign(Purpose, fields);
    }

    public static AuditCheckpointFile Read(string path, AuditKey key)
    {
        if (!File.Exists(path)) return new(path, false, [], []);
        var checkpoints = new List<AuditCheckpoint>();
        var bad = new List<int>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0) continue;
            var parts = line.Split(' ');
            if (parts.Length == 5
                && key.Sign(Purpose, string.Join(' ', parts[..4])) == parts[4]
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var keyedFrom)
                && DateTimeOffset.TryParse(parts[3], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                checkpoints.Add(new(sequence, parts[1], keyedFrom, at, number));
            else
                bad.Add(number);
        }
        return new(path, true, checkpoints, bad);
    }

    /// <summary>Appends one line, creating the file (owner only) if need be, and flushes it to disk.</summary>
    public static void Append(string path, string line)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        using var stream = new FileStream(path, AuditKey.OwnerOnly(FileMode.Append, FileAccess.Write));
        stream.Write(Encoding.ASCII.GetBytes(line + "\n"));
        stream.Flush(flushToDisk: true);
    }
}
