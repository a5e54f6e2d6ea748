using Chronicle.Core.Persistence;
using Chronicle.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Security;

/// <summary>
/// Who an external identity provider (NHS CIS2, Microsoft Entra ID, any OpenID Connect issuer) says signed in: its
/// issuer, the subject it gave the person, and the email address it vouches for, if any.
/// </summary>
public sealed record ExternalIdentity(string Issuer, string Subject, string? Email);

/// <summary>
/// The seam for an external identity provider. Its authentication handler (not available here) proves who the person
/// is; this maps that identity to a Chronicle account, whose professional, agency and roles then decide everything,
/// exactly as for a local sign-in; <see cref="Session.SignInAsync"/> issues the same session cookie. See docs/security.md.
/// </summary>
public interface IExternalIdentityMapper
{
    /// <summary>The account for this identity, or null when Chronicle has none (the sign-in is then refused).</summary>
    Task<UserAccount?> MapAsync(ExternalIdentity identity, CancellationToken ct = default);
}

/// <summary>
/// Maps by the email address the provider vouches for to the professional with that address, and from there to their
/// account; an address matching no professional, or more than one, maps to nobody.
/// </summary>
public sealed class EmailIdentityMapper(ChronicleDb db) : IExternalIdentityMapper
{
    public async Task<UserAccount?> MapAsync(ExternalIdentity identity, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(identity.Email)) return null;
        var email = identity.Email.Trim().ToLowerInvariant();
        // Emails are few per partnership; compared in memory, case-insensitively, the same on SQLite and PostgreSQL.
        var professionals = (await db.Professionals.AsNoTracking().Where(p => p.Email != null).Select(p => new { p.Id, p.Email }).ToListAsync(ct))
            .Where(p => string.Equals(p.Email!.Trim(), email, StringComparison.OrdinalIgnoreCase)).Select(p => p.Id).ToList();
        if (professionals.Count != 1) return null;
        var accounts = await db.UserAccounts.AsNoTracking().Where(a => a.ProfessionalId == professionals[0]).ToListAsync(ct);
        return accounts.Count == 1 ? accounts[0] : null;
    }
}
