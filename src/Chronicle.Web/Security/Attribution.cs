using Chronicle.Core.Validation;

namespace Chronicle.Web.Security;

/// <summary>
/// What a write may name. Every person it is about must be visible to the writer: one who is not is passed on to the
/// service as an id that exists nowhere, so the write is refused in the very words (and with every other problem)
/// that a person who does not exist gets, and cannot be used to find out who does. The recorder is the signed-in
/// professional and the reporting agency theirs: left out, they are filled in; another is refused.
/// </summary>
public static class Attribution
{
    /// <summary>
    /// The people as named, each one the user may not see replaced by an id of nobody. The children they concern are
    /// kept for the audit, unless <paramref name="noteWrite"/> is false (a chronology write, whose gate keeps them).
    /// </summary>
    public static async Task<IReadOnlyList<Guid?>> VisibleOrNobodyAsync(ChildAccess access, IReadOnlyList<Guid?> people, bool noteWrite = true)
    {
        var named = people.OfType<Guid>().ToList();
        var allowed = await access.MayWriteAboutAsync(named, noteWrite);
        var visible = named.Where((_, i) => allowed[i]).ToHashSet();
        return [.. people.Select(p => p is { } id && !visible.Contains(id) ? Guid.NewGuid() : p)];
    }

    public static async Task<Guid?> VisibleOrNobodyAsync(ChildAccess access, Guid? person) => (await VisibleOrNobodyAsync(access, [person]))[0];

    public static FieldError? Recorder(SignedInUser user, Guid? given, string field) =>
        given is { } id && id != user.Professional?.Id
            ? new FieldError(field, "You can only record as yourself: leave this out, or give your own professional id")
            : null;

    public static FieldError? Agency(SignedInUser user, Guid? given, string field) =>
        given is { } id && id != user.Agency?.Id
            ? new FieldError(field, "You can only report for your own agency: leave this out, or give your own agency's id")
            : null;
}
