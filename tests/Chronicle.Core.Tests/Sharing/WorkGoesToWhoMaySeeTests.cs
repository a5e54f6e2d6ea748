using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;
using Chronicle.Core.Tests.TeamAroundChild;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Sharing;

/// <summary>Work Chronicle gives someone about a child (an item to acknowledge, an alert to own) goes only to those who may open the child.</summary>
public sealed class WorkGoesToWhoMaySeeTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task A_written_record_of_sharing_gives_an_item_only_to_those_named_who_may_see_the_child_and_the_entry(Provider provider)
    {
        // F's team has the health visitor; the teacher is in C's team only, the paediatrician in no one's.
        await using var w = await TeamWorld.CreateAsync(provider);
        var frontDoor = await FrontDoorWorkerAsync(w);
        await using (var setup = w.Database.Open())
        {
            // The drug worker (in F's team through the mother) has left: their only account is disabled.
            setup.UserAccounts.Add(Account(w, w.DrugWorker, Role.Practitioner, disabled: true));
            await setup.SaveChangesAsync();
        }
        var told = new InformationShared
        {
            RecipientProfessionalIds = [w.HealthVisitor.Id, w.Teacher.Id, w.Paediatrician.Id, frontDoor.Id, w.DrugWorker.Id],
            Summary = "Told them about the bruise seen at the surgery",
            LawfulBasis = "Children Act 1989 s47",
        };
        var ownAgencyOnlyAboutC = await w.RecordAsync(w.Doctor, told, Significance.Routine, SharingLevel.AgencyOnly, w.C);
        var toTeam = await w.RecordAsync(w.Doctor, told, Significance.Routine, SharingLevel.Team, w.F);
        var ownAgencyOnly = await w.RecordAsync(w.Doctor, told, Significance.Routine, SharingLevel.AgencyOnly, w.F);

        await using var db = w.Database.Open();
        var items = await db.Notifications.AsNoTracking()
            .Where(n => n.ShareEntryId == toTeam.Id || n.ShareEntryId == ownAgencyOnly.Id || n.ShareEntryId == ownAgencyOnlyAboutC.Id).ToListAsync();
        // The health visitor in F's team, and the front door, whose work is to receive what it is told about any child;
        // the entries kept to the doctor's agency reach neither, and someone who has left nothing.
        Assert.Equal(new[] { (toTeam.Id, w.HealthVisitor.Id), (toTeam.Id, frontDoor.Id) }.Order(),
            items.Select(n => (n.ShareEntryId!.Value, n.RecipientProfessionalId)).Order());
        Assert.All(items, n => Assert.Equal(w.F.Id, n.ChildPersonId));
        Assert.All(items, n => Assert.StartsWith("Information shared about F,", n.Title));

        // What the front door was told about F is a contact, from the doctor's agency, open until the front door
        // decides on it: F's record opens to the front door, so its item can be opened. Told nothing it may see about
        // C, it has no contact about C.
        var open = await db.OpenContacts.AsNoTracking().Where(o => o.PersonId == w.F.Id || o.PersonId == w.C.Id).ToListAsync();
        var contact = await db.Entries.AsNoTracking().SingleAsync(e => e.Id == Assert.Single(open).ContactEntryId);
        Assert.Equal((w.F.Id, EntryKinds.Contact.Code, w.Doctor.Id), (open[0].PersonId, contact.Kind, contact.RecordedByProfessionalId));
        var received = (ContactReceived)DetailsReader.ReadStored(contact.Kind, contact.Details);
        Assert.Equal((told.Summary, (Guid?)w.Doctor.AgencyId), (received.Concerns, received.ReferrerAgencyId));
        var facts = (await ChildAccessReader.FactsAsync(db, w.F.Id, w.Clock.GetUtcNow(), default))!;
        Assert.Equal(AccessBasis.FrontDoor, (await ChildAccessReader.WhoMaySeeAsync(db, facts, [frontDoor.Id], default))[frontDoor.Id].Basis);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Telling_the_front_door_about_a_parent_opens_no_child_the_entry_does_not_name(Provider provider)
    {
        // The paediatrician is in no one's team: an entry about the mother alone is about her children too, but a
        // share of it is not a contact about them, which would open them to the front door without anyone naming them.
        await using var w = await TeamWorld.CreateAsync(provider);
        var frontDoor = await FrontDoorWorkerAsync(w);
        var told = new InformationShared { RecipientProfessionalIds = [frontDoor.Id], Summary = "Mother seen at the hospital", LawfulBasis = "Children Act 1989 s47" };

        await w.RecordAsync(w.Paediatrician, told, Significance.Routine, SharingLevel.Team, w.Mother);

        await using var db = w.Database.Open();
        Assert.Empty(await db.OpenContacts.AsNoTracking().Where(o => o.PersonId == w.F.Id || o.PersonId == w.C.Id).ToListAsync());
        Assert.Equal(0, await db.Entries.CountAsync(e => e.Kind == EntryKinds.Contact.Code));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_alert_is_owned_by_the_professional_its_safeguard_names_else_the_lead_unless_they_have_left(Provider provider)
    {
        async Task<(Guid? Owner, Guid? Expected)> OwnerOf(Func<TeamWorld, Professional> named, bool namedHasLeft, Func<TeamWorld, Task<Person>> child, Func<TeamWorld, Guid?> expected)
        {
            var safeguard = new NamesAnOwner();
            await using var w = await TeamWorld.CreateAsync(provider, [safeguard]);
            safeguard.Owner = named(w).Id;
            if (namedHasLeft)
            {
                await using var setup = w.Database.Open();
                setup.UserAccounts.Add(Account(w, named(w), Role.Practitioner, disabled: true));
                await setup.SaveChangesAsync();
            }
            var about = await child(w);
            await w.RecordAsync(w.Doctor, new HomeVisit { ChildSeen = true }, Significance.Routine, SharingLevel.Team, about);
            await using var db = w.Database.Open();
            return ((await db.Alerts.AsNoTracking().SingleAsync(a => a.SubjectPersonId == about.Id)).OwnerProfessionalId, expected(w));
        }

        // The named owner keeps it.
        var (owner, expected) = await OwnerOf(w => w.HealthVisitor, false, w => Task.FromResult(w.F), w => w.HealthVisitor.Id);
        Assert.Equal(expected, owner);
        // The named owner has left: F's lead, the social worker, owns it instead.
        (owner, expected) = await OwnerOf(w => w.HealthVisitor, true, w => Task.FromResult(w.F), w => w.SocialWorker.Id);
        Assert.Equal(expected, owner);
        // A child with no lead: no one owns it, so it waits in the trays of those who may see the child.
        (owner, _) = await OwnerOf(w => w.HealthVisitor, true, async w =>
        {
            await using var db = w.Database.Open();
            return (await new RecordService(db, w.Clock).CreatePersonAsync(w.PartnershipId, new PersonInput { Kind = PersonKind.Child, KnownAs = "G" })).Unwrap();
        }, _ => null);
        Assert.Null(owner);
    }

    /// <summary>A front door worker of children's social care, with an account that has the front door role.</summary>
    private static async Task<Professional> FrontDoorWorkerAsync(TeamWorld w)
    {
        await using var setup = w.Database.Open();
        var frontDoor = (await new RecordService(setup, w.Clock).CreateProfessionalAsync(w.PartnershipId,
            new ProfessionalInput("Fran Door", w.Csc.Id, ProfessionalRole.FrontDoorWorker, ManagerId: w.Manager.Id))).Unwrap();
        setup.UserAccounts.Add(Account(w, frontDoor, Role.FrontDoor, disabled: false));
        await setup.SaveChangesAsync();
        return frontDoor;
    }

    /// <summary>An account for a professional of the test partnership, with one role, disabled (they have left) or not.</summary>
    private static UserAccount Account(TeamWorld w, Professional professional, Role role, bool disabled) => new()
    {
        Id = Guid.NewGuid(), PartnershipId = w.PartnershipId, ProfessionalId = professional.Id, UserName = professional.Name.Replace(' ', '.'),
        DisplayName = professional.Name, PasswordHash = "not used", Roles = role.ToString(), CreatedAt = w.Clock.GetUtcNow(),
        DisabledAt = disabled ? w.Clock.GetUtcNow() : null,
    };

    /// <summary>Finds one cause on each child with a home visit, naming as owner whoever the test says.</summary>
    private sealed class NamesAnOwner : ISafeguard
    {
        public Guid Owner { get; set; }
        public string Id => "SG-TEST";
        public int Version => 1;
        public string Title => "A test cause with a named owner";
        public Severity Severity => Severity.Action;
        public IReadOnlyList<Lesson> Lessons => [];
        public IReadOnlyList<SettingDefinition> Settings => [];
        public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context) => null;

        public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context) =>
            file.OfAboutChild<HomeVisit>().Select(e => new Finding($"visit:{e.Id}", "A home visit", "Look at it", context.Now.AddDays(1), [e.Id], Owner));
    }
}
