"""Figures of the ViT page, drawn at build time with the code its checks use."""

from snippets.vision.vit._vit import multiply_adds
from whyitworks.svg import line_chart


def attention_share() -> str:
    """Attention's share of ViT-B/16's multiply-adds against the image side, from the
    formula the cost check verifies on a real model and against torchvision's figure."""
    sides = [224, 384, 448, 512, 640, 768, 896, 1024]
    share = []
    for side in sides:
        attention, rest = multiply_adds(side)  # ViT-B/16: P = 16, D = 768, 12 blocks
        share.append(100 * attention / (attention + rest))
    return line_chart(
        sides,
        {"attention (2N²D per block), % of all multiply-adds": share},
        title="ViT-B/16: attention's share of the compute grows with resolution",
        desc="Attention's two matrix products as a percentage of ViT-B/16's multiply-adds, for "
             f"square images of side {sides[0]} to {sides[-1]}: {share[0]:.1f}% at {sides[0]}, "
             f"{share[2]:.1f}% at {sides[2]} and {share[-1]:.0f}% at {sides[-1]}, because its cost "
             "grows with the square of the token count and the rest only linearly.",
        x_label="image side, pixels (16×16 patches)",
        y_label="attention, % of multiply-adds",
    )
