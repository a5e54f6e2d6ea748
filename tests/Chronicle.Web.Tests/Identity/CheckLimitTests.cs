using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Chronicle.Web.Identity;
using Microsoft.Extensions.Configuration;

namespace Chronicle.Web.Tests.Identity;

/// <summary>The duplicate check's allowance is kept in the database: a restart or a second server gives none back.</summary>
public sealed class CheckLimitTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task Two_servers_share_one_allowance_per_account_which_starts_again_an_hour_after_it_began(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new SimulatedClock(new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero));
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Chronicle:Identity:ChecksPerHour"] = "3" }).Build();
        Guid first, second;
        await using (var db = database.Open())
        {
            var partnership = (await new RecordService(db, clock).CreatePartnershipAsync("Test", "test")).Unwrap().Id;
            UserAccount Account(string name) => new()
            {
                Id = Guid.NewGuid(), PartnershipId = partnership, UserName = name, DisplayName = name, PasswordHash = "-", Roles = nameof(Role.Practitioner), CreatedAt = clock.GetUtcNow(),
            };
            var (a, b) = (Account("first"), Account("second"));
            db.AddRange(a, b);
            await db.SaveChangesAsync();
            (first, second) = (a.Id, b.Id);
        }
        // Each server (or each start of one) has its own limit object; the counts are the database's.
        var one = new CheckLimit(settings, clock);
        var other = new CheckLimit(settings, clock);
        async Task<bool> TakeAsync(CheckLimit limit, Guid account)
        {
            await using var db = database.Open();
            return await limit.TryTakeAsync(db, account);
        }

        Assert.True(await TakeAsync(one, first));
        Assert.True(await TakeAsync(other, first));
        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.True(await TakeAsync(one, first));
        Assert.False(await TakeAsync(other, first));
        Assert.False(await TakeAsync(new CheckLimit(settings, clock), first));
        // Another account has its own allowance.
        Assert.True(await TakeAsync(other, second));
        // An hour after the first check, the allowance starts again.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await TakeAsync(other, first));
        Assert.True(await TakeAsync(one, first));
        Assert.True(await TakeAsync(one, first));
        Assert.False(await TakeAsync(other, first));
    }
}
