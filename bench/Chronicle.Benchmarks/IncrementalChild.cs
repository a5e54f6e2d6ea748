using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Synthetic;
using Chronicle.Core.Time;

namespace Chronicle.Benchmarks;

/// <summary>
/// The incremental benchmark's child: 500 entries in their record, and the kinds of entry that might be recorded
/// about them next (a referral, a visit, a missed appointment, a decision, an injury, a test, an incident, a missed
/// visit, a core group, a move), each an hour after the last entry on record.
/// </summary>
public sealed class IncrementalChild
{
    public const int Entries = 500;

    private IncrementalChild(SyntheticPartnership partnership, SyntheticFamily family)
    {
        Partnership = partnership;
        Family = family;
        File = BenchData.Resident(family.CaseFiles)[0];
        Now = File.Entries.Max(e => e.RecordedAt).AddHours(1);
        // A resident case file has been swept before its next entry arrives, so it holds what the safeguards worked out.
        BenchData.Engine.Find(File, BenchData.Context(Now));
        Next = NewEntries(partnership.Staff, family, File, Now);
    }

    public SyntheticPartnership Partnership { get; }
    public SyntheticFamily Family { get; }
    public CaseFile File { get; }
    public DateTimeOffset Now { get; }
    public IReadOnlyList<CaseEntry> Next { get; }

    /// <summary>The child, generated as one more family of the partnership, with its agencies and professionals.</summary>
    public static IncrementalChild In(SyntheticPartnership partnership) => new(partnership, partnership.FamilyWithEntries(Entries));

    private static CaseEntry[] NewEntries(SyntheticStaff staff, SyntheticFamily family, CaseFile file, DateTimeOffset at)
    {
        var child = family.Children[0];
        var mother = family.People.Values.First(p => p.Kind == PersonKind.Adult);
        Professional Involved(string role, Professional fallback) =>
            family.Involvements.FirstOrDefault(i => i.Role == role) is { ProfessionalId: { } id } ? staff.Professionals[id] : fallback;
        var social = Involved("allocated social worker", staff.SocialWorkers[0]);
        var gp = Involved("GP", staff.GeneralPractitioners[0]);
        var last = file.Entries[^1];
        return
        [
            Entry(at, staff.FrontDoorWorkers[0], new ContactReceived { Type = ContactType.Referral, ReferrerAgencyId = staff.Schools[0].Id, Concerns = "Came to school hungry again", ConcernCategories = [AbuseCategory.Neglect] }, child),
            Entry(at, social, new HomeVisit { ChildSeen = true, ChildSeenAlone = true, Observations = "Seen alone" }, child),
            Entry(at, gp, new Appointment { Service = "GP", Outcome = AppointmentOutcome.WasNotBrought }, child),
            Entry(at, social, new DecisionRecorded { Topic = DecisionTopic.Other, Decision = "Noted", Rationale = "Discussed with the family", AboutEntryId = last.Id }, child),
            Entry(at, gp, new InjuryObserved { Type = InjuryType.Bruise, Site = "Cheek", Description = "Bruise", ChildMobility = Mobility.IndependentlyMobile }, child),
            Entry(at, staff.Midwives[0], new TestResult { Test = "Urine toxicology", Outcome = TestOutcome.Inconclusive, SampleQuality = SampleQuality.Dilute }, mother, child),
            Entry(at, staff.PoliceOfficers[0], new PoliceIncident { Type = IncidentType.DomesticAbuse, Description = "Assault", ChildrenPresent = true }, mother, child),
            Entry(at, social, new ParentalEngagement { ParentPersonId = mother.Id, Type = EngagementType.MissedVisit }, mother, child),
            Entry(at, social, new MeetingHeld { Type = MeetingType.CoreGroup, PlanReviewed = false, Attendance = [new() { ProfessionalId = social.Id, Attended = true }] }, child),
            Entry(at, gp, new AddressChange { NewAddress = "1 New Street", LocalAuthority = SyntheticStaff.HomeArea, PreviousLocalAuthority = SyntheticStaff.NeighbouringAreas[1] }, mother, child),
        ];
    }

    private static CaseEntry Entry(DateTimeOffset at, Professional by, EntryDetails details, params Person[] about)
    {
        var entry = new ChronologyEntry
        {
            Id = Guid.NewGuid(),
            PartnershipId = by.PartnershipId,
            Kind = EntryKinds.Of(details).Code,
            Details = DetailsReader.Write(details),
            OccurredAt = at,
            OccurredPrecision = DatePrecision.Exact,
            RecordedAt = at,
            RecordedByProfessionalId = by.Id,
            RecordedByAgencyId = by.AgencyId,
            Significance = Significance.Significant,
        };
        entry.Subjects = [.. about.Select(p => new EntrySubject { EntryId = entry.Id, PersonId = p.Id })];
        return new CaseEntry(entry, details);
    }
}
