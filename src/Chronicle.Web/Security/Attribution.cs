using Chronicle.Core.Validation;

namespace Chronicle.Web.Security;

/// <summary>
/// What a write may name. Every person it is about must be visible to the writer: one who is not is refused in the
/// very words used for a person who does not exist, so a write cannot be used to find out who does. The recorder is
/// the signed-in professional and the reporting agency theirs: left out, they are filled in; another is refused.
/// </summary>
public static class Attribution
{
    public const string NoSuchPerson = "No such person in this partnership";

    public static async Task<List<FieldError>> PeopleAsync(ChildAccess access, params (string Field, Guid? Person)[] people)
    {
        var named = people.Where(p => p.Person is not null).ToList();
        var allowed = await access.MayWriteAboutAsync([.. named.Select(p => p.Person!.Value)]);
        return [.. named.Where((_, i) => !allowed[i]).Select(p => new FieldError(p.Field, NoSuchPerson))];
    }

    public static FieldError? Recorder(SignedInUser user, Guid? given, string field) =>
        given is { } id && id != user.Professional?.Id
            ? new FieldError(field, "You can only record as yourself: leave this out, or give your own professional id")
            : null;

    public static FieldError? Agency(SignedInUser user, Guid? given, string field) =>
        given is { } id && id != user.Agency?.Id
            ? new FieldError(field, "You can only report for your own agency: leave this out, or give your own agency's id")
            : null;
}
