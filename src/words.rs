//! Every word lineage itself writes for a reader (legends, keys, column
//! heads, card lines), in English and Chinese, looked up by key.
//!
//! Writers never `match` on a language to choose a word: they ask here, so
//! one figure says "uncertain" the same way in every format, and a new
//! language is one more function below, which the compiler checks covers
//! every key. Words from the data (names, labels, notes) are not here: they
//! come with their own Chinese forms. This module must not know any output
//! syntax.

use crate::data::ChangeKind;
use crate::date::Date;
use crate::model::{Lang, State};

/// A word or phrase lineage writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Word {
    Legend,
    Uncertain,
    UncertainDashed,
    UncertainGuess,
    UncertainDerivation,
    Merge,
    MergeDoubleBorder,
    Here,
    Origin,
    LostAt,
    From,
    Brings,
    BroughtBy,
    Capability,
    Branch,
    NoMethodRecorded,
    GainedOrUnlockedHere,
    GivenUpHere,
    StrengthenedOrRecoveredHere,
    Gained,
    UnlockedWasLatent,
    MatrixKey,
    FlowKey,
    AnOriginalModel,
    Strong,
    NotAsStrong,
    LatentOnly,
    LineageColumn,
    GoodAt,
    WeakAt,
    TableKey,
    Absent,
    Latent,
    Present,
    Weakened,
    Lost,
    By,
    Path,
    TradedAgainst,
    CertainStory,
    UncertainStory,
    /// A Mermaid figure's key: what a dashed arrow means.
    KeyDashedArrow,
    /// A Mermaid figure's key: what a thick node border means.
    KeyThickBorder,
    /// A flow figure's key: what the thick arrows are.
    KeyDerivationArrow,
    /// A flow figure's key: what the thin arrows are.
    KeyFeedArrow,
    /// Before a Markdown figure's key line, with its colon.
    Key,
    /// Between the items of a list: "a, b".
    ListSeparator,
    /// Between clauses of a sentence.
    ClauseSeparator,
    /// Between sentences.
    SentenceSeparator,
    /// A slide's one line in place of the source list.
    SlideDetails,
    KeyAxisBreak,
    KeyAxisStretch,
    KeyLifespan,
}

impl Word {
    /// Every key, for the tests that check each language has each.
    pub const ALL: [Word; 53] = [
        Word::Legend,
        Word::Uncertain,
        Word::UncertainDashed,
        Word::UncertainGuess,
        Word::UncertainDerivation,
        Word::Merge,
        Word::MergeDoubleBorder,
        Word::Here,
        Word::Origin,
        Word::LostAt,
        Word::From,
        Word::Brings,
        Word::BroughtBy,
        Word::Capability,
        Word::Branch,
        Word::NoMethodRecorded,
        Word::GainedOrUnlockedHere,
        Word::GivenUpHere,
        Word::StrengthenedOrRecoveredHere,
        Word::Gained,
        Word::UnlockedWasLatent,
        Word::MatrixKey,
        Word::FlowKey,
        Word::AnOriginalModel,
        Word::Strong,
        Word::NotAsStrong,
        Word::LatentOnly,
        Word::LineageColumn,
        Word::GoodAt,
        Word::WeakAt,
        Word::TableKey,
        Word::Absent,
        Word::Latent,
        Word::Present,
        Word::Weakened,
        Word::Lost,
        Word::By,
        Word::Path,
        Word::TradedAgainst,
        Word::CertainStory,
        Word::UncertainStory,
        Word::KeyDashedArrow,
        Word::KeyThickBorder,
        Word::KeyDerivationArrow,
        Word::KeyFeedArrow,
        Word::Key,
        Word::ListSeparator,
        Word::ClauseSeparator,
        Word::SentenceSeparator,
        Word::SlideDetails,
        Word::KeyAxisBreak,
        Word::KeyAxisStretch,
        Word::KeyLifespan,
    ];

    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => english(self),
            Lang::Zh => chinese(self),
        }
    }
}

fn english(word: Word) -> &'static str {
    use Word::*;
    match word {
        Legend => "Legend",
        Uncertain => "uncertain",
        UncertainDashed => "uncertain (dashed)",
        UncertainGuess => "uncertain (the source guesses)",
        UncertainDerivation => "uncertain derivation",
        Merge => "merge",
        MergeDoubleBorder => "merge (double border)",
        Here => "here",
        Origin => "origin",
        LostAt => "lost at",
        From => "from",
        Brings => "brings: ",
        BroughtBy => "brought by",
        Capability => "capability",
        Branch => "branch",
        NoMethodRecorded => "no method recorded",
        GainedOrUnlockedHere => "gained or unlocked here (mark: method)",
        GivenUpHere => "given up here (weakened or lost)",
        StrengthenedOrRecoveredHere => "strengthened or recovered here",
        Gained => "gained",
        UnlockedWasLatent => "unlocked (was latent)",
        MatrixKey => {
            "Rows: capabilities, grouped by the method that brought them. \
             Columns: models in date order, grouped by branch."
        }
        FlowKey => {
            "Capabilities (left) feed the models that gained or unlocked them; \
             the lineage carries them on. A merge lists what each parent brought."
        }
        AnOriginalModel => "an original model",
        Strong => "strong",
        NotAsStrong => "not as strong",
        LatentOnly => "latent only",
        LineageColumn => "lineage",
        GoodAt => "good at",
        WeakAt => "weak at",
        TableKey => {
            "Good at: what a model has that another model in the table lacks or has \
             weaker, and none has stronger. Weak at: what another model in the table \
             has and this one lacks or has weaker. ?: uncertain, the source only guesses."
        }
        Absent => "absent",
        Latent => "latent",
        Present => "present",
        Weakened => "weakened",
        Lost => "lost",
        By => "by",
        Path => "path",
        TradedAgainst => "traded against",
        CertainStory => "certain: the source states every step",
        UncertainStory => "uncertain: the source only guesses at a step on the way",
        KeyDashedArrow => "dashed arrow: uncertain derivation",
        KeyThickBorder => "thick border: merge",
        KeyDerivationArrow => "thick arrow: derivation, labelled with its method",
        KeyFeedArrow => "thin arrow: a capability gained or unlocked there",
        Key => "Key: ",
        ListSeparator | ClauseSeparator => ", ",
        SentenceSeparator => ". ",
        SlideDetails => "Capability changes, sources and method notes: in the full-size figure",
        KeyAxisBreak => "time left out (no model there)",
        KeyAxisStretch => "time drawn wider (dates too close for their cards)",
        KeyLifespan => "in use (to its end date)",
    }
}

fn chinese(word: Word) -> &'static str {
    use Word::*;
    match word {
        Legend => "图例",
        Uncertain => "不确定",
        UncertainDashed => "不确定（虚线）",
        UncertainGuess => "不确定（原文为推测）",
        UncertainDerivation => "不确定的演进",
        Merge => "合并",
        MergeDoubleBorder => "合并（双边框）",
        Here => "于此",
        Origin => "来源",
        LostAt => "丢失于",
        From => "来自",
        Brings => "带来：",
        BroughtBy => "来源方法",
        Capability => "能力",
        Branch => "分支",
        NoMethodRecorded => "未记录方法",
        GainedOrUnlockedHere => "在此获得或解锁（标记：方法）",
        GivenUpHere => "在此放弃（削弱或丢失）",
        StrengthenedOrRecoveredHere => "在此增强或恢复",
        Gained => "获得",
        UnlockedWasLatent => "解锁（原为潜在）",
        MatrixKey => "行：能力，按带来它的方法分组。列：模型，按时间排列、按分支分组。",
        FlowKey => {
            "左侧的能力流入获得或解锁它们的模型；演进关系把能力传下去。\
             合并的模型列出每个父模型带来的能力。"
        }
        AnOriginalModel => "初始模型",
        Strong => "增强",
        NotAsStrong => "不够强",
        LatentOnly => "仅潜在",
        LineageColumn => "来源",
        GoodAt => "擅长",
        WeakAt => "短板",
        TableKey => {
            "擅长：该模型具备、表中其他某个模型没有或较弱、且没有模型更强的能力。\
             短板：表中其他某个模型具备、而该模型没有或较弱的能力。?：不确定，来源只是推测。"
        }
        Absent => "无",
        Latent => "潜在",
        Present => "具备",
        Weakened => "削弱",
        Lost => "丢失",
        By => "经",
        Path => "路径",
        TradedAgainst => "代价/交换",
        CertainStory => "确定：来源文章明确说明每一步",
        UncertainStory => "不确定：来源文章对其中某一步只是推测",
        KeyDashedArrow => "虚线箭头：不确定的演进",
        KeyThickBorder => "粗边框：合并",
        KeyDerivationArrow => "粗箭头：演进关系，标注方法",
        KeyFeedArrow => "细箭头：能力在此获得或解锁",
        Key => "图例：",
        ListSeparator => "、",
        ClauseSeparator => "，",
        SentenceSeparator => "。",
        SlideDetails => "能力变化、来源与方法说明：见完整尺寸的图",
        KeyAxisBreak => "省略的时段（其间无模型）",
        KeyAxisStretch => "拉长的时段（日期太近，放不下卡片）",
        KeyLifespan => "使用期（至结束日期）",
    }
}

/// What a change does: "gained", "获得".
pub fn change(kind: ChangeKind, lang: Lang) -> &'static str {
    let (en, zh) = match kind {
        ChangeKind::Gained => ("gained", "获得"),
        ChangeKind::Latent => ("latent", "潜在"),
        ChangeKind::Unlocked => ("unlocked", "解锁"),
        ChangeKind::Strengthened => ("strengthened", "增强"),
        ChangeKind::Weakened => ("weakened", "削弱"),
        ChangeKind::Recovered => ("recovered", "恢复"),
        ChangeKind::Lost => ("lost", "丢失"),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// What state a capability is in: "latent", "潜在".
pub fn state(state: State, lang: Lang) -> &'static str {
    let word = match state {
        State::Absent => Word::Absent,
        State::Latent => Word::Latent,
        State::Present { strength } if strength > 0 => Word::Strong,
        State::Present { strength } if strength < 0 => Word::Weakened,
        State::Present { .. } => Word::Present,
        State::Lost { .. } => Word::Lost,
    };
    word.get(lang)
}

/// "label (qualifier)", with the language's parentheses.
pub fn qualified(label: &str, qualifier: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{label} ({qualifier})"),
        Lang::Zh => format!("{label}（{qualifier}）"),
    }
}

/// "name: a, b." after a summary: what changed at one model.
pub fn changes_at(name: &str, changes: &[String], lang: Lang) -> String {
    match lang {
        Lang::En => format!(" {name}: {}.", changes.join(", ")),
        Lang::Zh => format!("{name}：{}。", changes.join("，")),
    }
}

/// The accessible summary of a lineage figure.
pub fn lineage_summary(names: &[String], edges: usize, merges: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "Lineage of {} models and {edges} derivations ({merges} merges): {}.",
            names.len(),
            names.join(", ")
        ),
        Lang::Zh => format!(
            "{} 个模型、{edges} 条演进关系（{merges} 次合并）：{}。",
            names.len(),
            names.join("、")
        ),
    }
}

/// The accessible summary of a capability flow, before what each model got.
pub fn flow_summary(capabilities: usize, models: usize, lang: Lang) -> String {
    match lang {
        Lang::En => {
            format!("Capability flow: {capabilities} capabilities feeding {models} models.")
        }
        Lang::Zh => format!("能力流向：{capabilities} 项能力流入 {models} 个模型。"),
    }
}

/// The accessible summary of a capability matrix, before its changes.
pub fn matrix_summary(capabilities: usize, models: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "Capability matrix: {capabilities} capabilities (rows, grouped by the method \
             that brought them) across {models} models (columns, in date order)."
        ),
        Lang::Zh => format!(
            "能力矩阵：{capabilities} 项能力（行，按带来它的方法分组），{models} 个模型（列，按时间排列）。"
        ),
    }
}

/// The key under a Markdown capability matrix, after its state glyphs.
pub fn matrix_markdown_key(states: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{states}; blank: absent. **Bold**: what changed at that model (gained, unlocked, \
             strengthened, weakened, lost, recovered). ?: uncertain, the source only guesses.\n"
        ),
        Lang::Zh => format!(
            "{states}；空白：无。**粗体**：该模型上发生的变化（获得、解锁、增强、削弱、丢失、恢复）。?：不确定，来源只是推测。\n"
        ),
    }
}

/// One column of the comparison table as a sentence: "name: lineage …;
/// good at …; weak at …."
pub fn table_column(name: &str, made: &str, good: &str, weak: &str, lang: Lang) -> String {
    let (lin, g, w) = (
        Word::LineageColumn.get(lang),
        Word::GoodAt.get(lang),
        Word::WeakAt.get(lang),
    );
    match lang {
        Lang::En => format!("{name}: {lin} {made}; {g} {good}; {w} {weak}."),
        Lang::Zh => format!("{name}：{lin}：{made}；{g}：{good}；{w}：{weak}。"),
    }
}

/// A date as a reader of `lang` writes it.
pub fn date(date: &Date, lang: Lang) -> String {
    match lang {
        Lang::En => date.to_string(),
        Lang::Zh => date.to_zh(),
    }
}

/// A model's life on its card: "2020-07 – 2023-01" ("2020-07 至 2023-01");
/// the date alone when the end is unknown; "until 2023-01" when only the
/// end is known.
pub fn lifespan(start: &Date, end: &Date, lang: Lang) -> String {
    if !end.is_known() {
        return date(start, lang);
    }
    let end = date(end, lang);
    match (lang, start.is_known()) {
        (Lang::En, true) => format!("{} – {end}", date(start, lang)),
        (Lang::En, false) => format!("until {end}"),
        (Lang::Zh, true) => format!("{} 至 {end}", date(start, lang)),
        (Lang::Zh, false) => format!("{end} 止"),
    }
}

/// The card line of a renamed model: "formerly Corel Linux" ("曾用名
/// Corel Linux"); earlier names oldest first.
pub fn formerly(names: &[&str], lang: Lang) -> String {
    match lang {
        Lang::En => format!("formerly {}", names.join(", ")),
        Lang::Zh => format!("曾用名 {}", names.join("、")),
    }
}

/// One rename, as `explain` tells it: "renamed Xandros, 2001-08-29".
pub fn renamed(name: &str, when: &Date, lang: Lang) -> String {
    match lang {
        Lang::En => format!("renamed {name}, {}", date(when, lang)),
        Lang::Zh => format!("{} 更名为 {name}", date(when, lang)),
    }
}

/// One derivation, as `explain` tells it: "from kurumin by Re-basing,
/// 2008"; a method that carries nothing says so.
pub fn derived_from(
    parent: &str,
    method: &str,
    when: Option<&Date>,
    carries: bool,
    lang: Lang,
) -> String {
    let when = when.filter(|d| d.is_known()).map(|d| date(d, lang));
    match lang {
        Lang::En => {
            let mut line = format!("from {parent} by {method}");
            if let Some(when) = when {
                line.push_str(&format!(", {when}"));
            }
            if !carries {
                line.push_str(" (hands down no capabilities)");
            }
            line
        }
        Lang::Zh => {
            let mut line = format!("经{method}来自 {parent}");
            if let Some(when) = when {
                line.push_str(&format!("，{when}"));
            }
            if !carries {
                line.push_str("（不传递能力）");
            }
            line
        }
    }
}

/// The card line of a model with several parents: "merge of 2 branches"
/// when the parents are in different branches, else "merge of 2 parents".
pub fn merge_of(parents: usize, across_branches: bool, lang: Lang) -> String {
    match (lang, across_branches) {
        (Lang::En, true) => format!("merge of {parents} branches"),
        (Lang::En, false) => format!("merge of {parents} parents"),
        (Lang::Zh, true) => format!("{parents} 个分支合并"),
        (Lang::Zh, false) => format!("{parents} 个父模型合并"),
    }
}

/// "from PARENT:", heading what a merge's parent brought.
pub fn from_parent(parent: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("from {parent}:"),
        Lang::Zh => format!("来自 {parent}："),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_a_word_in_every_language() {
        for lang in Lang::ALL {
            for word in Word::ALL {
                assert!(!word.get(lang).trim().is_empty(), "{word:?} in {lang:?}");
            }
        }
    }

    #[test]
    fn chinese_words_are_chinese_and_english_ones_english() {
        let cjk = |s: &str| {
            s.chars()
                .any(|c| ('\u{3000}'..='\u{9fff}').contains(&c) || c >= '\u{ff00}')
        };
        for word in Word::ALL {
            let separator = matches!(
                word,
                Word::ListSeparator | Word::ClauseSeparator | Word::SentenceSeparator
            );
            assert!(!cjk(word.get(Lang::En)), "{word:?}");
            if !separator {
                assert!(cjk(word.get(Lang::Zh)), "{word:?}: {}", word.get(Lang::Zh));
            }
        }
    }

    #[test]
    fn lifespans_and_renames_read_naturally() {
        let d = |t: &str| crate::date::parse(t).unwrap();
        let life = |a: &str, b: &str, lang| lifespan(&d(a), &d(b), lang);
        assert_eq!(life("2020-07", "2023-01", Lang::En), "2020-07 – 2023-01");
        assert_eq!(life("2020-07", "2023-01", Lang::Zh), "2020-07 至 2023-01");
        assert_eq!(life("2020-07", "unknown", Lang::En), "2020-07");
        assert_eq!(life("unknown", "2023", Lang::En), "until 2023");
        assert_eq!(
            formerly(&["Hiwix", "Hiweed"], Lang::En),
            "formerly Hiwix, Hiweed"
        );
        assert_eq!(formerly(&["Corel"], Lang::Zh), "曾用名 Corel");
        assert_eq!(
            renamed("Xandros", &d("2001-08-29"), Lang::En),
            "renamed Xandros, 2001-08-29"
        );
        assert_eq!(
            derived_from("ubuntu", "Re-basing", Some(&d("2008")), false, Lang::En),
            "from ubuntu by Re-basing, 2008 (hands down no capabilities)"
        );
    }

    #[test]
    fn all_lists_every_key_once() {
        let mut keys = Word::ALL.to_vec();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Word::ALL.len());
        // Keys are numbered from 0 in order, so the last one counts them.
        assert_eq!(Word::ALL.len(), Word::KeyLifespan as usize + 1);
    }
}
