using System.Security.Cryptography;

namespace Chronicle.Core.Persistence;

/// <summary>
/// Version 7 ids as <see cref="Guid.CreateVersion7(DateTimeOffset)"/> makes them (RFC 9562: the time in milliseconds,
/// then random bits), for writing rows by the hundred thousand: the random bits come from the system's secure generator a
/// thousand ids at a time, where Guid.CreateVersion7 asks it once an id, which costs more than the rest of the id.
/// </summary>
public static class Ids
{
    [ThreadStatic] private static byte[]? _random;
    [ThreadStatic] private static int _used;

    public static Guid Version7(DateTimeOffset at)
    {
        var ms = at.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(ms, nameof(at));
        if (_random is null || _used == _random.Length)
        {
            _random ??= new byte[16 * 1024];
            RandomNumberGenerator.Fill(_random);
            _used = 0;
        }
        Span<byte> bytes = stackalloc byte[16];
        _random.AsSpan(_used, 16).CopyTo(bytes);
        _used += 16;
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(ms >> (40 - 8 * i));
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
