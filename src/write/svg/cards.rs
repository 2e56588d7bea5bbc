//! Drawing the model cards and their capability chips, with tooltips.

use super::*;

/// The cards, each written into `doc` as soon as it is drawn.
pub(super) fn draw_cards(
    doc: &mut document::Stream,
    fig: &Figure,
    page: &Page,
    pen: &Pen,
    theme: &Theme,
) {
    doc.open(&Group::new().set("class", "nodes"));
    let lineage = fig.view.lineage;
    let f = fig.faces;
    let mut used = BTreeSet::new();
    for (i, (c, rect)) in fig.cards.iter().zip(&fig.layout.nodes).enumerate() {
        let model = lineage.model(c.model);
        let b = shift(*rect, page.origin);
        let mut id = format!("model-{}", safe_id(&model.id));
        while !used.insert(id.clone()) {
            id.push('_');
        }
        let mut node = Group::new()
            .set("class", if c.merge { "node merge" } else { "node" })
            .set("id", id)
            .set("data-id", model.id.clone());
        node.append(Title::new(c.tooltip.clone()));
        if c.density != DensityDecl::Full {
            let bar = fig.layout.bars.get(i).copied().flatten();
            draw_small(
                &mut node,
                fig,
                c,
                b,
                bar.map(|r| shift(r, page.origin)),
                pen,
                theme,
            );
            doc.put(&node);
            continue;
        }
        let stroke = if c.merge {
            Stroke::solid(theme.merge_stroke, 2.5)
        } else {
            Stroke::solid(
                model.branch.map_or(theme.card_stroke, |br| {
                    theme.ink(palette::branch(fig.view.branch_slot(br)))
                }),
                1.2,
            )
        };
        node.append(pen_nodes(
            pen.rect(&model.id, b, 8.0, Some(theme.card), Some(stroke)),
            "card",
        ));
        let mut y = b.y + card::PAD;
        for line in &c.name {
            node.append(pen::text(
                line,
                b.x + card::PAD,
                y + text::ascent(f.bold, card::NAME_SIZE),
                f.bold,
                card::NAME_SIZE,
                theme.text,
            ));
            y += card::name_line_height(f);
        }
        y += 2.0;
        for line in &c.meta {
            node.append(pen::text(
                line,
                b.x + card::PAD,
                y + text::ascent(f.body, card::META_SIZE),
                f.body,
                card::META_SIZE,
                theme.muted,
            ));
            y += card::meta_line_height(f);
        }
        for (i, chip) in c.chips.iter().enumerate() {
            node.append(draw_chip(
                fig,
                chip,
                b,
                pen,
                theme,
                &format!("{}-chip-{i}", model.id),
            ));
        }
        doc.put(&node);
    }
    doc.close();
}

/// A brief card (a small box with name and lifespan) or a labelled dot;
/// either with its lifespan bar.
fn draw_small(
    node: &mut Group,
    fig: &Figure,
    c: &card::Card,
    b: Rect,
    bar: Option<Rect>,
    pen: &Pen,
    theme: &Theme,
) {
    let model = fig.view.lineage.model(c.model);
    let f = fig.faces;
    let m = c.metrics();
    let color = model.branch.map_or(theme.card_stroke, |br| {
        theme.ink(palette::branch(fig.view.branch_slot(br)))
    });
    if let Some(bar) = bar {
        node.append(pen_nodes(
            pen.rect(
                &format!("{}-life", model.id),
                bar,
                1.5,
                Some(theme.tint(color, 0.5)),
                None,
            ),
            "lifespan",
        ));
    }
    if c.density == DensityDecl::Brief {
        let stroke = if c.merge {
            Stroke::solid(theme.merge_stroke, 2.0)
        } else {
            Stroke::solid(color, 1.0)
        };
        node.append(pen_nodes(
            pen.rect(&model.id, b, 4.0, Some(theme.card), Some(stroke)),
            "card",
        ));
    } else {
        let centre = Point {
            x: b.x + m.pad + card::DOT / 2.0,
            y: b.y + b.h / 2.0,
        };
        node.append(pen_nodes(
            pen.dot(&model.id, centre, card::DOT / 2.0, Some(color), None),
            "card dot",
        ));
    }
    let x = b.x + m.pad + m.lead;
    let mut y = b.y + m.pad;
    for line in &c.name {
        let base = y + text::ascent(f.bold, m.name_size);
        node.append(pen::text(line, x, base, f.bold, m.name_size, theme.text));
        y += text::line_height(f.bold, m.name_size);
    }
    if c.inline {
        // After the last name line, on its baseline.
        let lines = c.name.len().max(1) as f64;
        let base = b.y
            + m.pad
            + (lines - 1.0) * text::line_height(f.bold, m.name_size)
            + text::ascent(f.bold, m.name_size);
        let mut x = x + c
            .name
            .last()
            .map_or(0.0, |l| text::width(l, f.bold, m.name_size));
        for line in &c.meta {
            x += card::INLINE_GAP;
            node.append(pen::text(line, x, base, f.body, m.meta_size, theme.muted));
            x += text::width(line, f.body, m.meta_size);
        }
        return;
    }
    for line in &c.meta {
        let base = y + text::ascent(f.body, m.meta_size);
        node.append(pen::text(line, x, base, f.body, m.meta_size, theme.muted));
        y += text::line_height(f.body, m.meta_size);
    }
}

pub(super) fn draw_chip(
    fig: &Figure,
    chip: &card::Chip,
    card_box: Rect,
    pen: &Pen,
    theme: &Theme,
    key: &str,
) -> Group {
    let f = fig.faces;
    let color = palette::categorical(fig.view.capability_slot(chip.capability));
    let b = Rect {
        x: card_box.x + chip.rect.x,
        y: card_box.y + chip.rect.y,
        ..chip.rect
    };
    let mut g = Group::new()
        .set(
            "class",
            if chip.certain {
                "chip"
            } else {
                "chip uncertain"
            },
        )
        .set(
            "data-capability",
            fig.view.lineage.capability(chip.capability).id.clone(),
        )
        .set("data-change", words::change(chip.kind, Lang::En));
    g.append(Title::new(chip.tooltip.clone()));
    let fill = theme.tint(color, 0.16);
    let stroke = Stroke {
        color: theme.ink(color),
        width: 1.0,
        dashed: !chip.certain,
    };
    g.append(pen_nodes(
        pen.rect(key, b, 4.0, Some(fill), Some(stroke)),
        "chip-box",
    ));
    let lh = card::chip_line_height(f);
    let mark = card::MARK_SLOT;
    for (i, line) in chip.lines.iter().enumerate() {
        let y = b.y + card::CHIP_PAD_Y + i as f64 * lh + text::ascent(f.body, card::CHIP_SIZE);
        let mut x = b.x + card::CHIP_PAD_X;
        let mut words = line.as_str();
        // The first line starts with the slot of the change mark, drawn as a shape.
        if let Some(rest) = line.strip_prefix(mark).filter(|_| i == 0) {
            let advance = text::width(mark, f.body, card::CHIP_SIZE);
            g.append(icon::change_icon(
                chip.kind,
                x,
                y,
                advance,
                card::CHIP_SIZE,
                theme.text,
            ));
            // Leading spaces of a text element collapse when drawn: skip them by position.
            words = rest.trim_start();
            x += text::width(&line[..line.len() - words.len()], f.body, card::CHIP_SIZE);
        }
        g.append(pen::text(words, x, y, f.body, card::CHIP_SIZE, theme.text));
    }
    g
}
