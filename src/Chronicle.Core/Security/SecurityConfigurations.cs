using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chronicle.Core.Security;

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> b)
    {
        b.ToTable("user_accounts");
        b.Ignore(x => x.RoleSet);
        b.Ignore(x => x.MustChangePassword);
    }
}

internal sealed class BreakGlassGrantConfiguration : IEntityTypeConfiguration<BreakGlassGrant>
{
    public void Configure(EntityTypeBuilder<BreakGlassGrant> b) => b.ToTable("break_glass_grants");
}

internal sealed class BreakGlassReviewConfiguration : IEntityTypeConfiguration<BreakGlassReview>
{
    public void Configure(EntityTypeBuilder<BreakGlassReview> b)
    {
        b.ToTable("break_glass_reviews");
        b.HasIndex(x => x.GrantId).IsUnique();
        b.HasOne<BreakGlassGrant>().WithMany().HasForeignKey(x => x.GrantId);
        b.HasOne<UserAccount>().WithMany().HasForeignKey(x => x.ReviewedByUserId);
    }
}
