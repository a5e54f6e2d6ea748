using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Hosting;

/// <summary>
/// Sign-in accounts for the demo partnership: one for every demo professional, plus a small partnership business unit
/// (business unit, reviewer, scrutineer, information governance, administrator, and a front door worker where no story
/// has one). They all share one password,
/// printed at start-up: this is demo data, never a real partnership's.
/// </summary>
public static class DemoAccounts
{
    /// <summary>The demo password. Demo data only: every demo account has it, and the Run command prints it.</summary>
    public const string Password = "chronicle-demo";

    public const string BusinessUnitAgency = "Partnership business unit";
    public const string BusinessUnitOfficer = "Business unit officer";
    public const string Scrutineer = "Independent scrutineer";
    public const string InformationGovernance = "Information governance officer";
    public const string FrontDoor = "MASH front door worker";
    public const string Administrator = "Chronicle administrator";

    public const string Reviewer = "Independent reviewer";

    /// <summary>
    /// One account of each kind, for the table printed at start-up: what it shows, and the professional's name. Those who
    /// work with children are the live story's (scenarios/live-carter-family.json), whose work is current.
    /// </summary>
    public static readonly IReadOnlyList<(string Who, string Professional)> Examples =
    [
        ("Social worker (lead professional for Mia and Alfie)", "Social worker (Carter family)"),
        ("Team manager of that social worker", "Team manager (Carter family)"),
        ("Child protection conference chair", "Conference chair (Eastmoor)"),
        ("Health visitor", "Health visitor (Carter family)"),
        ("GP", "GP (Carter family)"),
        ("Midwife", "Midwife (Carter family)"),
        ("School safeguarding lead", "School safeguarding lead (Mia's school)"),
        ("Police safeguarding officer", "Police safeguarding officer (Carter family)"),
        ("Front door (MASH)", FrontDoor),
        ("Partnership business unit", BusinessUnitOfficer),
        ("Reviewer", Reviewer),
        ("Scrutineer", Scrutineer),
        ("Information governance", InformationGovernance),
        ("Administrator (the full list: /accounts)", Administrator),
    ];

    /// <summary>Gives the demo partnership its business unit and every professional an account, once (also on a database loaded before accounts existed).</summary>
    public static async Task EnsureAsync(ChronicleDb db, TimeProvider clock, CancellationToken ct = default)
    {
        var partnership = await db.Partnerships.AsNoTracking().FirstOrDefaultAsync(p => p.Code == DemoPartnership.Code, ct);
        if (partnership is null || await db.UserAccounts.AnyAsync(a => a.PartnershipId == partnership.Id, ct)) return;

        var record = new RecordService(db, clock);
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.PartnershipId == partnership.Id && a.Name == BusinessUnitAgency, ct)
            ?? (await record.CreateAgencyAsync(partnership.Id, new AgencyInput(BusinessUnitAgency, AgencyKind.PartnershipBusinessUnit, null), ct)).Unwrap();
        foreach (var (name, role) in new[]
        {
            (BusinessUnitOfficer, ProfessionalRole.BusinessUnitOfficer), (Reviewer, ProfessionalRole.Reviewer), (Scrutineer, ProfessionalRole.Scrutineer),
            (InformationGovernance, ProfessionalRole.InformationGovernanceOfficer), (FrontDoor, ProfessionalRole.FrontDoorWorker),
            (Administrator, ProfessionalRole.Administrator),
        })
        {
            // A story may bring its own (the live story's front door worker): one of each name in the partnership.
            if (!await db.Professionals.AnyAsync(p => p.PartnershipId == partnership.Id && p.Name == name, ct))
                (await record.CreateProfessionalAsync(partnership.Id, new ProfessionalInput(name, agency.Id, role), ct)).Unwrap();
        }

        var accounts = new Accounts(db, clock, new PasswordHasher<Core.Security.UserAccount>());
        // One hash for the shared demo password: hashing it once per professional would slow every start.
        var hash = accounts.Hash(Password);
        var professionals = await db.Professionals.AsNoTracking().Where(p => p.PartnershipId == partnership.Id).OrderBy(p => p.CreatedAt).ThenBy(p => p.Name).ToListAsync(ct);
        foreach (var professional in professionals) await accounts.CreateWithHashAsync(partnership.Id, professional, hash, ct: ct);
    }

    /// <summary>The start-up table: one demo account of each kind, the password, and where the full list is.</summary>
    public static async Task<string?> DescribeAsync(ChronicleDb db, CancellationToken ct = default)
    {
        var partnership = await db.Partnerships.AsNoTracking().FirstOrDefaultAsync(p => p.Code == DemoPartnership.Code, ct);
        if (partnership is null) return null;
        var accounts = await db.UserAccounts.AsNoTracking().Where(a => a.PartnershipId == partnership.Id).ToListAsync(ct);
        if (accounts.Count == 0) return null;
        var rows = Examples.Select(e => (e.Who, Account: accounts.Where(a => a.DisplayName == e.Professional).OrderBy(a => a.CreatedAt).FirstOrDefault()))
            .Where(r => r.Account is not null).ToList();
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Who.Length);
        var lines = new List<string>
        {
            $"Demo accounts (demo data only): {accounts.Count} accounts, one per demo professional, all with the password: {Password}",
        };
        lines.AddRange(rows.Select(r => $"  {r.Who.PadRight(width)}  {r.Account!.UserName}"));
        lines.Add($"  Every account is listed at /accounts: sign in as {accounts.FirstOrDefault(a => a.DisplayName == Administrator)?.UserName ?? "an administrator"}.");
        return string.Join(Environment.NewLine, lines);
    }
}
