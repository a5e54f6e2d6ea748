using Microsoft.AspNetCore.Authorization;

namespace Chronicle.Web.Security;

/// <summary>
/// What a page or endpoint needs, by name. Each is an authorisation policy (Authorization.cs); every page and
/// endpoint declares exactly one with <see cref="PermissionAttribute"/> or <see cref="Permission.Require"/>, and the
/// authorisation matrix test refuses any that does not.
/// </summary>
public static class Permissions
{
    /// <summary>Anyone, signed in or not: the sign-in page and the error page.</summary>
    public const string Anonymous = "anonymous";
    /// <summary>Anyone signed in: the home page, sign-out, the API description, the directory of agencies and professionals.</summary>
    public const string SignedIn = "signed-in";
    /// <summary>The list and search of children: signed in; the list holds only the children the user may see.</summary>
    public const string ListChildren = "children.list";
    /// <summary>A child's record and chronology: the child is visible to the user (team, manager, front door or break glass).</summary>
    public const string ReadChild = "child.read";
    /// <summary>A person's record: the person is visible through a child the user may see, or the user recorded them.</summary>
    public const string ReadPerson = "person.read";
    /// <summary>A chronology entry: visible through a child the user may see, and its sharing level lets them.</summary>
    public const string ReadEntry = "entry.read";
    /// <summary>A household: one of its members is visible to the user.</summary>
    public const string ReadHousehold = "household.read";
    /// <summary>Writing to the record (people, ties, households, addresses, involvements, entries): the roles that work with children; each write names only people the user may see.</summary>
    public const string WriteRecord = "record.write";
    /// <summary>Who has viewed a child's record: the child's lead professional, and information governance.</summary>
    public const string ReadViewingHistory = "child.viewing-history";
    /// <summary>Asking for break-glass access: the roles that work with children.</summary>
    public const string BreakGlass = "break-glass";
    /// <summary>The list of break-glass grants: information governance.</summary>
    public const string ReadBreakGlassLog = "break-glass.log";
    /// <summary>Working on a child's case with the team (the team, sharing decisions, meetings, plans, supervision, closure): the child is visible to the user.</summary>
    public const string WorkOnCase = "case.work";
    /// <summary>The user's own inbox and actions: signed in as a professional; each item is the user's own.</summary>
    public const string OwnWork = "own-work";
    /// <summary>Staff absences and reassigning their actions: team managers and conference chairs.</summary>
    public const string ManageStaff = "staff.manage";
    /// <summary>Agencies, teams, professionals and accounts: administrators.</summary>
    public const string Administer = "administer";
    /// <summary>An alert (read, acknowledge, resolve): the child it is about is visible to the user.</summary>
    public const string ActOnAlert = "alert.act";
    /// <summary>Closing an alert with a reason: the child is visible and the user is a team manager or conference chair.</summary>
    public const string CloseAlert = "alert.close";
    /// <summary>The user's own alerts (owned, or escalated to them): the roles that work with children.</summary>
    public const string MyAlerts = "alerts.mine";
    /// <summary>The partnership's open alerts: team managers, conference chairs and the business unit; children the user may not see are counted, never named.</summary>
    public const string AlertsOverview = "alerts.overview";
    /// <summary>Changing the partnership's safeguard policy: the business unit.</summary>
    public const string SetPolicy = "policy.set";
    /// <summary>The learning cycle's incidents, reviews, briefings and impact figures: anyone signed in (they hold the reviews' own words, no child's record).</summary>
    public const string ReadLearning = "learning.read";
    /// <summary>Recording incidents, reviews, imports, actions, evidence and the sharing of learning: the business unit and reviewers.</summary>
    public const string WriteLearning = "learning.write";
    /// <summary>A practitioner's feedback on a review's briefing: anyone signed in.</summary>
    public const string GiveBriefingFeedback = "learning.feedback";
    /// <summary>The scrutineer's view across every review: reviewers, the business unit and team managers.</summary>
    public const string ScrutiniseLearning = "learning.scrutiny";
    /// <summary>Deciding who is who: merging and unmerging people, the review queue of possible matches, linking an agency's list: the front door.</summary>
    public const string ResolveIdentity = "identity.resolve";

    /// <summary>Every permission, for policies and the matrix test.</summary>
    public static readonly IReadOnlyList<string> All =
        [Anonymous, SignedIn, ListChildren, ReadChild, ReadPerson, ReadEntry, ReadHousehold, WriteRecord, ReadViewingHistory, BreakGlass, ReadBreakGlassLog, Administer,
         ActOnAlert, CloseAlert, MyAlerts, AlertsOverview, SetPolicy,
         WorkOnCase, OwnWork, ManageStaff,
         ReadLearning, WriteLearning, GiveBriefingFeedback, ScrutiniseLearning,
         ResolveIdentity];
}

/// <summary>The permission a page or endpoint declares, readable from its endpoint metadata.</summary>
public interface IPermissionMetadata
{
    string Permission { get; }
}

/// <summary>Declares a Razor Page's permission: the policy of that name applies, and the matrix test can read it.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PermissionAttribute(string permission) : Attribute, IAuthorizeData, IPermissionMetadata
{
    public string Permission { get; } = permission;
    public string? Policy { get => Permission; set { } }
    public string? Roles { get; set; }
    public string? AuthenticationSchemes { get; set; }
}

/// <summary>Declares a minimal API endpoint's permission.</summary>
public static class Permission
{
    private sealed record Metadata(string Permission) : IPermissionMetadata;

    public static TBuilder Require<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new Metadata(permission));
        return builder.RequireAuthorization(permission);
    }
}
