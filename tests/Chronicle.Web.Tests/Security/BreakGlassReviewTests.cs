using System.Net;
using Chronicle.Core.Audit;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Testing;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chronicle.Web.Tests.Api.TeamApp;

namespace Chronicle.Web.Tests.Security;

/// <summary>Information governance's review of a break-glass grant and its audit line are one write: neither is kept without the other.</summary>
public sealed class BreakGlassReviewTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_review_whose_audit_line_cannot_be_written_is_not_kept(Provider provider)
    {
        await using var t = await StartAsync(provider);
        var now = t.App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        Guid grant;
        Professional officer;
        await using (var db = t.App.OpenDb())
        {
            var police = await db.UserAccounts.Where(a => a.ProfessionalId == t.Id(PoliceOfficer)).Select(a => a.Id).FirstAsync();
            var csc = await db.Professionals.Where(p => p.Id == t.Id(SocialWorker)).Select(p => p.AgencyId).SingleAsync();
            officer = new Professional { Id = Guid.NewGuid(), PartnershipId = db.Partnerships.Select(p => p.Id).Single(), AgencyId = csc, Name = "Information governance (Testshire)", Role = ProfessionalRole.InformationGovernanceOfficer };
            db.Professionals.Add(officer);
            var row = new BreakGlassGrant { Id = Guid.NewGuid(), PartnershipId = officer.PartnershipId, UserId = police, ChildPersonId = t.Child, Reason = "Called to the home out of hours", GrantedAt = now.AddHours(-1), ExpiresAt = now.AddHours(3) };
            db.BreakGlassGrants.Add(row);
            await db.SaveChangesAsync();
            grant = row.Id;
            // The database refuses the review's audit line, as a full disk or a lost connection would at that moment.
            await db.Database.ExecuteSqlRawAsync(provider == Provider.Sqlite
                ? "CREATE TRIGGER refuse_review_audit BEFORE INSERT ON audit_entries WHEN NEW.detail LIKE 'break-glass grant reviewed%' BEGIN SELECT RAISE(ABORT, 'audit refused'); END"
                : """
                  CREATE FUNCTION refuse_review_audit() RETURNS trigger AS $$ BEGIN IF NEW.detail LIKE 'break-glass grant reviewed%' THEN RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
                  CREATE TRIGGER refuse_review_audit BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION refuse_review_audit();
                  """);
        }
        var governance = await t.App.SignInAsync(await t.App.AddAccountAsync(officer.Id));
        var review = new Dictionary<string, string> { ["grantId"] = grant.ToString(), ["outcome"] = "Justified", ["note"] = "Checked the viewing history" };

        var failed = await ChronicleApp.PostFormAsync(governance, "/break-glass/granted", review);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        await using (var db = t.App.OpenDb())
        {
            Assert.False(await db.BreakGlassReviews.AnyAsync(r => r.GrantId == grant));
            await db.Database.ExecuteSqlRawAsync(provider == Provider.Sqlite ? "DROP TRIGGER refuse_review_audit" : "DROP TRIGGER refuse_review_audit ON audit_entries");
        }

        // Written again, both are kept.
        Assert.Equal(HttpStatusCode.Redirect, (await ChronicleApp.PostFormAsync(governance, "/break-glass/granted", review)).StatusCode);
        await using (var db = t.App.OpenDb())
        {
            var kept = await db.BreakGlassReviews.AsNoTracking().SingleAsync(r => r.GrantId == grant);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.UserId == kept.ReviewedByUserId && a.Action == AuditAction.Write && a.SubjectPersonId == t.Child && a.Detail == "break-glass grant reviewed: Justified"));
        }
    }
}
