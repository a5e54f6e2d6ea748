using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Record;

/// <summary>Creates and reads the multi-agency record: agencies, professionals, people and the ties between them.</summary>
public sealed class RecordService(ChronicleDb db, TimeProvider clock)
{
    public async Task<Outcome<Partnership>> CreatePartnershipAsync(string? name, string? code, CancellationToken ct = default)
    {
        var p = new Problems();
        p.Required("name", name, "Enter the partnership's name");
        p.Required("code", code, "Enter a short code for the partnership");
        if (code is not null && await db.Partnerships.AnyAsync(x => x.Code == code, ct)) p.Add("code", "A partnership with this code already exists");
        if (p.Any) return Outcome<Partnership>.Refused(p.Errors);
        return await SaveAsync(new Partnership { Id = NewId(), Name = name!.Trim(), Code = code!.Trim(), CreatedAt = Now }, ct);
    }

    public async Task<Outcome<Agency>> CreateAgencyAsync(Guid partnershipId, AgencyInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        p.Required("name", input.Name, "Enter the agency's name");
        p.MaxLength("name", input.Name, 200, "The name");
        p.Required("kind", input.Kind, "Select what kind of agency it is");
        if (p.Any) return Outcome<Agency>.Refused(p.Errors);
        return await SaveAsync(new Agency { Id = NewId(), PartnershipId = partnershipId, Name = input.Name!.Trim(), Kind = input.Kind!.Value, Area = input.Area?.Trim(), CreatedAt = Now }, ct);
    }

    public async Task<Outcome<Team>> CreateTeamAsync(Guid partnershipId, TeamInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        p.Required("name", input.Name, "Enter the team's name");
        await RequireAgencyAsync(p, "agencyId", input.AgencyId, partnershipId, ct);
        if (p.Any) return Outcome<Team>.Refused(p.Errors);
        return await SaveAsync(new Team { Id = NewId(), AgencyId = input.AgencyId!.Value, Name = input.Name!.Trim() }, ct);
    }

    public async Task<Outcome<Professional>> CreateProfessionalAsync(Guid partnershipId, ProfessionalInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        p.Required("name", input.Name, "Enter the professional's name");
        p.MaxLength("name", input.Name, 200, "The name");
        p.Required("role", input.Role, "Select the professional's role");
        await RequireAgencyAsync(p, "agencyId", input.AgencyId, partnershipId, ct);
        if (input.TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team && t.AgencyId == input.AgencyId, ct))
            p.Add("teamId", "The team is not a team of this agency");
        if (input.ManagerId is { } manager && !await db.Professionals.AnyAsync(m => m.Id == manager && m.PartnershipId == partnershipId, ct))
            p.Add("managerId", "The manager is not a professional in this partnership");
        if (input.Email is { Length: > 0 } email && !email.Contains('@')) p.Add("email", "Enter an email address in the correct format, like name@example.org");
        if (p.Any) return Outcome<Professional>.Refused(p.Errors);
        return await SaveAsync(new Professional
        {
            Id = NewId(), PartnershipId = partnershipId, AgencyId = input.AgencyId!.Value, TeamId = input.TeamId, Name = input.Name!.Trim(),
            Role = input.Role!.Value, JobTitle = input.JobTitle?.Trim(), ManagerId = input.ManagerId, Email = input.Email?.Trim(), CreatedAt = Now,
        }, ct);
    }

    public async Task<Outcome<Person>> CreatePersonAsync(Guid partnershipId, PersonInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        p.Required("kind", input.Kind, "Select whether the person is a child, an unborn child or an adult");
        if (string.IsNullOrWhiteSpace(input.GivenName) && string.IsNullOrWhiteSpace(input.FamilyName) && string.IsNullOrWhiteSpace(input.KnownAs))
            p.Add("givenName", "Enter the person's name, or what they are known as");
        p.MaxLength("givenName", input.GivenName, 100, "The given name");
        p.MaxLength("familyName", input.FamilyName, 100, "The family name");
        p.MaxLength("knownAs", input.KnownAs, 100, "Known as");
        var precision = input.DateOfBirthPrecision ?? (input.DateOfBirth is null ? DatePrecision.Unknown : DatePrecision.Day);
        if (input.DateOfBirth is null && precision != DatePrecision.Unknown) p.Add("dateOfBirth", "Enter the date of birth, or say it is not known");
        if (input.DateOfBirth is not null && precision == DatePrecision.Unknown) p.Add("dateOfBirthPrecision", "A date of birth that is not known cannot also be given");
        if (input.DateOfBirth is { } dob && dob > WorkingDayCalendar.UkDate(Now)) p.Add("dateOfBirth", "The date of birth must be today or in the past");
        if (input.Kind == PersonKind.UnbornChild && input.DateOfBirth is not null) p.Add("dateOfBirth", "An unborn child has no date of birth: give the expected date of delivery");
        if (input.Kind != PersonKind.UnbornChild && input.ExpectedDateOfDelivery is not null) p.Add("expectedDateOfDelivery", "Only an unborn child has an expected date of delivery");

        var identifiers = new List<PersonIdentifier>();
        for (var i = 0; i < input.Identifiers.Count; i++)
        {
            var id = input.Identifiers[i];
            var f = p.For($"identifiers[{i}]");
            f.Required("scheme", id.Scheme, "Select the kind of identifier");
            if (id.Scheme == IdentifierScheme.NhsNumber)
            {
                var nhs = NhsNumber.Parse(id.Value, "value");
                if (!nhs.Succeeded) f.AddRange(nhs.Errors);
                else identifiers.Add(new PersonIdentifier { Id = NewId(), Scheme = IdentifierScheme.NhsNumber, Value = nhs.Value!, Issuer = string.IsNullOrWhiteSpace(id.Issuer) ? "NHS" : id.Issuer.Trim() });
            }
            else if (id.Scheme is not null)
            {
                f.Required("value", id.Value, "Enter the identifier");
                f.Required("issuer", id.Issuer, "Enter who issued the identifier");
                if (!string.IsNullOrWhiteSpace(id.Value) && !string.IsNullOrWhiteSpace(id.Issuer))
                    identifiers.Add(new PersonIdentifier { Id = NewId(), Scheme = id.Scheme.Value, Value = id.Value.Trim(), Issuer = id.Issuer.Trim() });
            }
        }
        if (p.Any) return Outcome<Person>.Refused(p.Errors);
        var person = new Person
        {
            Id = NewId(), PartnershipId = partnershipId, Kind = input.Kind!.Value, GivenName = Clean(input.GivenName), FamilyName = Clean(input.FamilyName),
            KnownAs = Clean(input.KnownAs), DateOfBirth = input.DateOfBirth, DateOfBirthPrecision = precision, ExpectedDateOfDelivery = input.ExpectedDateOfDelivery,
            Sex = input.Sex ?? Sex.NotKnown, CreatedAt = Now, CreatedByProfessionalId = input.CreatedByProfessionalId, Identifiers = identifiers,
        };
        foreach (var id in identifiers) id.PersonId = person.Id;
        return await SaveAsync(person, ct);
    }

    public async Task<Outcome<Relationship>> AddRelationshipAsync(Guid partnershipId, RelationshipInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        p.Required("kind", input.Kind, "Select the relationship");
        await RequirePersonAsync(p, "personId", input.PersonId, partnershipId, ct);
        await RequirePersonAsync(p, "relatedPersonId", input.RelatedPersonId, partnershipId, ct);
        if (input.PersonId is not null && input.PersonId == input.RelatedPersonId) p.Add("relatedPersonId", "A person cannot be related to themselves");
        if (input.From is { } from && input.To is { } to && to < from) p.Add("to", "The end date must be on or after the start date");
        if (p.Any) return Outcome<Relationship>.Refused(p.Errors);
        return await SaveAsync(new Relationship
        {
            Id = NewId(), PartnershipId = partnershipId, PersonId = input.PersonId!.Value, RelatedPersonId = input.RelatedPersonId!.Value, Kind = input.Kind!.Value,
            Description = Clean(input.Description), HasParentalResponsibility = input.HasParentalResponsibility, From = input.From, To = input.To,
            RecordedByAgencyId = input.RecordedByAgencyId, RecordedAt = Now,
        }, [input.PersonId!.Value, input.RelatedPersonId!.Value], ct);
    }

    public async Task<Outcome<Household>> CreateHouseholdAsync(Guid partnershipId, HouseholdInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        p.Required("name", input.Name, "Enter a name for the household, such as the family's surname and street");
        var members = input.Members ?? [];
        for (var i = 0; i < members.Count; i++)
        {
            await RequirePersonAsync(p, $"members[{i}].personId", members[i].PersonId, partnershipId, ct);
            if (members[i].From is { } from && members[i].To is { } to && to < from) p.Add($"members[{i}].to", "The end date must be on or after the start date");
        }
        if (p.Any) return Outcome<Household>.Refused(p.Errors);
        var household = new Household { Id = NewId(), PartnershipId = partnershipId, Name = input.Name!.Trim(), CreatedAt = Now };
        household.Members = [.. members.Select(m => new HouseholdMembership
        {
            Id = NewId(), HouseholdId = household.Id, PersonId = m.PersonId!.Value, From = m.From, To = m.To, ReportedByAgencyId = m.ReportedByAgencyId, RecordedAt = Now,
        })];
        return await SaveAsync(household, [.. household.Members.Select(m => m.PersonId)], ct);
    }

    public async Task<Outcome<HouseholdMembership>> AddHouseholdMemberAsync(Guid partnershipId, Guid householdId, MemberInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        if (!await db.Households.AnyAsync(h => h.Id == householdId && h.PartnershipId == partnershipId, ct)) p.Add("householdId", "There is no such household");
        await RequirePersonAsync(p, "personId", input.PersonId, partnershipId, ct);
        if (p.Any) return Outcome<HouseholdMembership>.Refused(p.Errors);
        return await SaveAsync(new HouseholdMembership
        {
            Id = NewId(), HouseholdId = householdId, PersonId = input.PersonId!.Value, From = input.From, To = input.To, ReportedByAgencyId = input.ReportedByAgencyId, RecordedAt = Now,
        }, [input.PersonId!.Value], ct);
    }

    public async Task<Outcome<AddressFact>> ReportAddressAsync(Guid partnershipId, AddressInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        p.Required("address", input.Address, "Enter the address");
        p.MaxLength("address", input.Address, 500, "The address");
        await RequirePersonAsync(p, "personId", input.PersonId, partnershipId, ct);
        await RequireAgencyAsync(p, "reportedByAgencyId", input.ReportedByAgencyId, partnershipId, ct);
        if (input.From is { } from && input.To is { } to && to < from) p.Add("to", "The end date must be on or after the start date");
        if (p.Any) return Outcome<AddressFact>.Refused(p.Errors);
        return await SaveAsync(new AddressFact
        {
            Id = NewId(), PartnershipId = partnershipId, PersonId = input.PersonId!.Value, Address = input.Address!.Trim(), Postcode = Clean(input.Postcode),
            LocalAuthority = Clean(input.LocalAuthority), From = input.From, To = input.To, ReportedByAgencyId = input.ReportedByAgencyId!.Value,
            ReportedByProfessionalId = input.ReportedByProfessionalId, RecordedAt = Now,
        }, [input.PersonId!.Value], ct);
    }

    public async Task<Outcome<Involvement>> AddInvolvementAsync(Guid partnershipId, InvolvementInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        p.Required("role", input.Role, "Enter the role, such as \"allocated social worker\" or \"GP\"");
        p.Required("from", input.From, "Enter the date the involvement started");
        await RequirePersonAsync(p, "personId", input.PersonId, partnershipId, ct);
        await RequireAgencyAsync(p, "agencyId", input.AgencyId, partnershipId, ct);
        if (input.ProfessionalId is { } prof && !await db.Professionals.AnyAsync(x => x.Id == prof && x.PartnershipId == partnershipId && x.AgencyId == input.AgencyId, ct))
            p.Add("professionalId", "The professional does not work for this agency in this partnership");
        if (input.From is { } from && input.To is { } to && to < from) p.Add("to", "The end date must be on or after the start date");
        if (p.Any) return Outcome<Involvement>.Refused(p.Errors);
        return await SaveInvolvementAsync(new Involvement
        {
            Id = NewId(), PartnershipId = partnershipId, PersonId = input.PersonId!.Value, AgencyId = input.AgencyId!.Value, ProfessionalId = input.ProfessionalId,
            Role = input.Role!.Trim(), IsLead = input.IsLead, From = input.From!.Value, To = input.To, RecordedAt = Now,
        }, ct);
    }

    /// <summary>Ends an involvement on a date (the record keeps it, with its dates).</summary>
    public async Task<Outcome<Involvement>> EndInvolvementAsync(Guid partnershipId, Guid involvementId, DateOnly? on, CancellationToken ct = default)
    {
        var involvement = await db.Involvements.FirstOrDefaultAsync(i => i.Id == involvementId && i.PartnershipId == partnershipId, ct);
        if (involvement is null) return Outcome<Involvement>.Refused("involvementId", "There is no such involvement");
        if (on is null) return Outcome<Involvement>.Refused("to", "Enter the date the involvement ended");
        if (on < involvement.From) return Outcome<Involvement>.Refused("to", "The end date must be on or after the start date");
        involvement.To = on;
        return await SaveInvolvementAsync(involvement, ct);
    }

    /// <summary>
    /// Saves an involvement, new or ended, with what follows from it in the same transaction: the children around the
    /// person due a safeguard check, and the person's contacts at the front door (a social worker working with the child
    /// ends the wait for allocation: <see cref="Chronology.OpenContacts"/>).
    /// </summary>
    private async Task<Outcome<Involvement>> SaveInvolvementAsync(Involvement involvement, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null;
        await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
        if (db.Entry(involvement).State == EntityState.Detached) db.Add(involvement);
        await db.SaveChangesAsync(ct);
        await NextCheck.MakeDueAsync(db, [involvement.PersonId], ct);
        await Chronology.OpenContacts.RefreshAsync(db, [involvement.PersonId], ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return Outcome<Involvement>.Ok(involvement);
    }

    private DateTimeOffset Now => clock.GetUtcNow();

    private Guid NewId() => Guid.CreateVersion7(Now);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private async Task<Outcome<T>> SaveAsync<T>(T entity, CancellationToken ct) where T : class
    {
        db.Add(entity);
        await db.SaveChangesAsync(ct);
        return Outcome<T>.Ok(entity);
    }

    /// <summary>Saves a change to the record around these people, which makes the children around them due a safeguard check.</summary>
    private async Task<Outcome<T>> SaveAsync<T>(T entity, IReadOnlyCollection<Guid> people, CancellationToken ct) where T : class
    {
        var saved = await SaveAsync(entity, ct);
        await NextCheck.MakeDueAsync(db, people, ct);
        return saved;
    }

    private async Task RequirePersonAsync(Problems p, string field, Guid? id, Guid partnershipId, CancellationToken ct)
    {
        if (id is null) p.Add(field, "Select the person");
        else if (!await db.People.AnyAsync(x => x.Id == id && x.PartnershipId == partnershipId, ct)) p.Add(field, "No such person in this partnership");
    }

    private async Task RequireAgencyAsync(Problems p, string field, Guid? id, Guid partnershipId, CancellationToken ct)
    {
        if (id is null) p.Add(field, "Select the agency");
        else if (!await db.Agencies.AnyAsync(x => x.Id == id && x.PartnershipId == partnershipId, ct)) p.Add(field, "No such agency in this partnership");
    }
}
