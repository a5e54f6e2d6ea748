using Chronicle.Core.Validation;

namespace Chronicle.Web.Chronology;

/// <summary>
/// A correction replaces the whole entry: one made by someone who cannot see everyone the original names would drop
/// those people from the record without a word, so the API and the correction form both refuse it.
/// </summary>
public static class Corrections
{
    public static FieldError NamesHiddenPeople(string field) => new(field,
        "This entry names people you do not have access to, so a correction from you would leave them out. Ask its author or the child's lead professional to correct it");
}
