using System.Globalization;
using System.Text;
using Chronicle.Core.Record;

namespace Chronicle.Core.Security;

/// <summary>
/// How an account is made from a professional: its roles from their job and its user name from their name. One place,
/// so that the web app's accounts and a synthetic partnership's (`chronicle synth`) are the same.
/// </summary>
public static class AccountNames
{
    /// <summary>The roles an account gets from the professional's job.</summary>
    public static IReadOnlyList<Role> RolesFor(ProfessionalRole role) => role switch
    {
        ProfessionalRole.TeamManager => [Role.TeamManager, Role.Practitioner],
        ProfessionalRole.ConferenceChair => [Role.ConferenceChair, Role.Practitioner],
        ProfessionalRole.FrontDoorWorker => [Role.FrontDoor],
        ProfessionalRole.BusinessUnitOfficer => [Role.BusinessUnit],
        ProfessionalRole.Reviewer or ProfessionalRole.Scrutineer => [Role.Reviewer],
        ProfessionalRole.InformationGovernanceOfficer => [Role.InformationGovernance],
        ProfessionalRole.Administrator => [Role.Administrator],
        _ => [Role.Practitioner],
    };

    /// <summary>"Social worker (Emily's family)" becomes "social-worker-emilys-family".</summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is '\'' or '’' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var text = slug.ToString().Trim('-');
        if (text.Length > 60) text = text[..60].TrimEnd('-');
        return text.Length == 0 ? "user" : text;
    }
}
