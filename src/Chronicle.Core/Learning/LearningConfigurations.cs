using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chronicle.Core.Learning;

internal sealed class SeriousIncidentConfiguration : IEntityTypeConfiguration<SeriousIncident>
{
    public void Configure(EntityTypeBuilder<SeriousIncident> b) => b.ToTable("serious_incidents");
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> b)
    {
        b.ToTable("reviews");
        b.HasOne<SeriousIncident>().WithMany().HasForeignKey(x => x.IncidentId);
    }
}

internal sealed class ReviewSlippageConfiguration : IEntityTypeConfiguration<ReviewSlippage>
{
    public void Configure(EntityTypeBuilder<ReviewSlippage> b)
    {
        b.ToTable("review_slippages");
        b.HasOne<Review>().WithMany().HasForeignKey(x => x.ReviewId);
    }
}

internal sealed class ReviewItemConfiguration : IEntityTypeConfiguration<ReviewItem>
{
    public void Configure(EntityTypeBuilder<ReviewItem> b)
    {
        b.ToTable("review_items");
        b.HasOne<Review>().WithMany().HasForeignKey(x => x.ReviewId);
        b.HasOne<ReviewItem>().WithMany().HasForeignKey(x => x.ParentItemId);
        b.Ignore(x => x.ThemeCodes);
    }
}

internal sealed class LessonSafeguardConfiguration : IEntityTypeConfiguration<LessonSafeguard>
{
    public void Configure(EntityTypeBuilder<LessonSafeguard> b)
    {
        b.ToTable("lesson_safeguards");
        b.HasKey(x => new { x.LessonItemId, x.SafeguardId });
        b.HasOne<ReviewItem>().WithMany().HasForeignKey(x => x.LessonItemId);
    }
}

internal sealed class ResponseActionConfiguration : IEntityTypeConfiguration<ResponseAction>
{
    public void Configure(EntityTypeBuilder<ResponseAction> b)
    {
        b.ToTable("response_actions");
        b.HasOne<Review>().WithMany().HasForeignKey(x => x.ReviewId);
        b.HasOne<ReviewItem>().WithMany().HasForeignKey(x => x.ItemId);
    }
}

internal sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> b)
    {
        b.ToTable("evidence_items");
        b.HasOne<ResponseAction>().WithMany().HasForeignKey(x => x.ActionId);
    }
}

internal sealed class DisseminationConfiguration : IEntityTypeConfiguration<Dissemination>
{
    public void Configure(EntityTypeBuilder<Dissemination> b)
    {
        b.ToTable("disseminations");
        b.HasOne<Review>().WithMany().HasForeignKey(x => x.ReviewId);
    }
}

internal sealed class BriefingFeedbackConfiguration : IEntityTypeConfiguration<BriefingFeedback>
{
    public void Configure(EntityTypeBuilder<BriefingFeedback> b)
    {
        b.ToTable("briefing_feedback");
        b.HasOne<Review>().WithMany().HasForeignKey(x => x.ReviewId);
    }
}
