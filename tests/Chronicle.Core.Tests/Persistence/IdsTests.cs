using Chronicle.Core.Persistence;

namespace Chronicle.Core.Tests.Persistence;

public sealed class IdsTests
{
    [Fact]
    public void A_version_7_id_holds_the_time_as_Guid_CreateVersion7_does_and_no_two_are_alike()
    {
        var at = new DateTimeOffset(2026, 12, 8, 14, 5, 6, 789, TimeSpan.Zero);
        var reference = Guid.CreateVersion7(at).ToByteArray(bigEndian: true);
        var ids = Enumerable.Range(0, 5000).Select(_ => Ids.Version7(at)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var id in ids)
        {
            var bytes = id.ToByteArray(bigEndian: true);
            Assert.Equal(7, id.Version);
            Assert.Equal(0b10, bytes[8] >> 6);
            Assert.Equal(reference[..6], bytes[..6]);
        }
        Assert.True(Ids.Version7(at.AddMilliseconds(1)).CompareTo(Ids.Version7(at)) > 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ids.Version7(DateTimeOffset.UnixEpoch.AddMilliseconds(-1)));
    }
}
