using System.Security.Cryptography;
using System.Text;

namespace Chronicle.Core.Audit;

/// <summary>
/// The secret that keys the audit chain (HMAC-SHA256). It is kept outside the database, so that someone who can
/// change the database but not the application's server cannot write links, heads or checkpoints that verify.
/// Never logged, never stored in the database.
/// </summary>
public sealed class AuditKey
{
    /// <summary>The environment variable that, when set, holds the key (base64, at least 32 bytes) instead of the key file.</summary>
    public const string EnvironmentVariable = "CHRONICLE_AUDIT_KEY";
    private const int MinimumBytes = 32;

    private readonly byte[] _key;

    private AuditKey(byte[] key) => _key = key;

    /// <summary>A key that lives only as long as this process: for scratch databases that are never verified later.</summary>
    public static AuditKey Ephemeral() => new(RandomNumberGenerator.GetBytes(MinimumBytes));

    /// <summary>The key from base64 text (the key file's content or the environment variable).</summary>
    public static AuditKey Parse(string base64, string from)
    {
        byte[] bytes;
        try { bytes = Convert.FromBase64String(base64.Trim()); }
        catch (FormatException) { throw new InvalidOperationException($"The audit key in {from} is not base64"); }
        if (bytes.Length < MinimumBytes) throw new InvalidOperationException($"The audit key in {from} is shorter than {MinimumBytes} bytes");
        return new(bytes);
    }

    /// <summary>
    /// Reads the key file; when it is absent and <paramref name="create"/> is set, writes a new random key there first,
    /// readable and writable by its owner only.
    /// </summary>
    public static AuditKey FromFile(string path, bool create)
    {
        if (!File.Exists(path))
        {
            if (!create) throw new InvalidOperationException($"There is no audit key at {path}: give the key file Chronicle started with, or set {EnvironmentVariable}");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var text = Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes)) + "\n";
            try
            {
                using var stream = new FileStream(path, OwnerOnly(FileMode.CreateNew, FileAccess.Write));
                stream.Write(Encoding.ASCII.GetBytes(text));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>File options that give the owner alone read and write (on Unix; elsewhere the folder's permissions apply).</summary>
    internal static FileStreamOptions OwnerOnly(FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }

    /// <summary>HMAC-SHA256 of the text under a purpose, so that a link, a head and a checkpoint can never stand for one another.</summary>
    public string Sign(string purpose, string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + "\u001e" + text)));

    public override string ToString() => "(audit key)";
}

/// <summary>
/// Where the audit chain's key and its checkpoints live. Both are outside the database: by default in the folder
/// beside the data folder (a key file created on first start), or the key in <see cref="AuditKey.EnvironmentVariable"/>.
/// </summary>
public sealed class AuditChainSettings
{
    public const string KeyFileName = "chronicle-audit.key";
    public const string CheckpointFileName = "chronicle-audit-checkpoints.log";
    public const int DefaultCheckpointEvery = 1000;

    private readonly Lazy<AuditKey> _key;
    private readonly Lazy<AuditChain> _chain;

    /// <param name="keyFile">The key file; null with an ephemeral key.</param>
    /// <param name="checkpointFile">The checkpoint file; null writes and reads no checkpoints.</param>
    /// <param name="createKey">Whether a missing key file is created (the application's start) or is an error (verification).</param>
    public AuditChainSettings(string? keyFile, string? checkpointFile, bool createKey, int checkpointEvery = DefaultCheckpointEvery)
    {
        KeyFile = keyFile;
        CheckpointFile = checkpointFile;
        CheckpointEvery = checkpointEvery;
        _key = new(() =>
            Environment.GetEnvironmentVariable(AuditKey.EnvironmentVariable) is { Length: > 0 } fromEnvironment
                ? AuditKey.Parse(fromEnvironment, $"the {AuditKey.EnvironmentVariable} environment variable")
                : keyFile is null ? AuditKey.Ephemeral() : AuditKey.FromFile(keyFile, createKey));
        _chain = new(() => new AuditChain(this));
    }

    public string? KeyFile { get; }
    public string? CheckpointFile { get; }
    /// <summary>How many new audit rows make the application write a checkpoint.</summary>
    public int CheckpointEvery { get; }

    /// <summary>Where the key comes from, for messages: never the key itself.</summary>
    public string KeySource => Environment.GetEnvironmentVariable(AuditKey.EnvironmentVariable) is { Length: > 0 }
        ? $"the {AuditKey.EnvironmentVariable} environment variable"
        : KeyFile ?? "an ephemeral key";

    /// <summary>The key, read (or created) when first needed.</summary>
    public AuditKey Key => _key.Value;

    /// <summary>The chain that a database configured with these settings links into (one per settings).</summary>
    public AuditChain Chain => _chain.Value;

    /// <summary>A key of this process only and no checkpoints: for scratch databases (a replay, a benchmark).</summary>
    public static AuditChainSettings Ephemeral() => new(null, null, createKey: false);

    /// <summary>The key file and checkpoint file in this folder.</summary>
    public static AuditChainSettings InFolder(string folder, bool createKey, int checkpointEvery = DefaultCheckpointEvery) =>
        new(Path.Combine(folder, KeyFileName), Path.Combine(folder, CheckpointFileName), createKey, checkpointEvery);

    /// <summary>The folder beside the data folder (its parent): where the key and checkpoints live by default.</summary>
    public static string BesideDataFolder(string dataFolder) =>
        Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataFolder))) ?? Path.GetFullPath(dataFolder);
}
