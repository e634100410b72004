//! The tagger: runs the stages in order and turns the chosen candidates into entities.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::common_words;
use crate::consistency;
use crate::fold::Folded;
use crate::matcher::{Candidate, Matcher};
use crate::resolve::resolve;
use crate::rules;
use crate::tokenize::{boundaries_into, tokenize_into};
use crate::{Entity, Error, Gazetteer, Span};

/// Finds names in text. Cheap to clone (an `Arc`), and shareable across threads.
///
/// # Example
///
/// ```
/// use tandai::{Gazetteer, Label, Tagger};
///
/// let places = Gazetteer::parse("places", "# label: LOC\nJenewa\nSwiss\n")?;
/// let tagger = Tagger::builder().embedded_gazetteers(false).gazetteer(places).build()?;
/// let entities = tagger.tag("Perundingan di Jenewa, Swiss.");
/// let found: Vec<_> = entities.iter().map(|e| (e.as_str(), e.label())).collect();
/// assert_eq!(found, [("Jenewa", Label::LOC), ("Swiss", Label::LOC)]);
/// # Ok::<(), tandai::Error>(())
/// ```
#[derive(Clone)]
pub struct Tagger {
    inner: Arc<Inner>,
}

struct Inner {
    matcher: Matcher,
    ignore_case: bool,
    // -- the learned layer (src/model/)
    model: Option<Arc<crate::model::Model>>,
    /// Gazetteer priorities from here on belong to the user's own lists.
    custom_from: u32,
    /// Whether the `name_words` rule runs: name knowledge, on with the embedded gazetteers.
    name_words: bool,
    /// Whether the learned layer explains the names no list or rule proposed.
    explain: bool,
    /// Whether the context rules and document consistency run (see [`TaggerBuilder::rules`]).
    rules: bool,
}

/// What the stages before the learned layer find in one text.
pub(crate) struct Stages<'h> {
    pub doc: rules::Doc<'h>,
    /// Candidates of the matcher, the common-word filter and the rules, before resolution
    /// (empty unless asked for).
    pub candidates: Vec<Candidate>,
    /// The entities chosen from them: resolved, plus document-level consistency.
    pub chosen: Vec<Candidate>,
}

impl fmt::Debug for Tagger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tagger")
            .field("patterns", &self.inner.matcher.pattern_count())
            .field("ignore_case", &self.inner.ignore_case)
            .field("model", &self.inner.model.is_some())
            .field("rules", &self.inner.rules)
            .finish()
    }
}

impl Tagger {
    /// A builder for a tagger with custom gazetteers or options.
    pub fn builder() -> TaggerBuilder {
        TaggerBuilder::new()
    }

    /// The default tagger, built from the embedded gazetteers on first use and shared after that.
    ///
    /// # Example
    ///
    /// ```
    /// let tagger = tandai::Tagger::embedded();
    /// let entities = tagger.tag("Banjir melanda Semarang, Jawa Tengah.");
    /// let names: Vec<&str> = entities.iter().map(|e| e.as_str()).collect();
    /// assert_eq!(names, ["Semarang", "Jawa Tengah"]);
    /// ```
    #[cfg(feature = "embedded")]
    pub fn embedded() -> &'static Tagger {
        crate::embedded::tagger()
    }

    /// Tags `text` as one document: the entities found, in text order, never overlapping.
    ///
    /// Any `&str` is accepted; text without names gives an empty list.
    pub fn tag<'h>(&self, text: &'h str) -> Vec<Entity<'h>> {
        if !self.inner.rules {
            let (mut chosen, buffers) = self.listed(text);
            let entities = to_entities(text, &mut chosen, Vec::new());
            Spare::keep(buffers, chosen);
            return entities;
        }
        let (mut chosen, evidence, doc) = match &self.inner.model {
            Some(model) => {
                let stages = self.stages(text, true, None);
                let (chosen, evidence) =
                    crate::model::tag(model, &stages, self.inner.custom_from, self.inner.explain);
                (chosen, evidence, stages.doc)
            }
            None => {
                let stages = self.stages(text, false, None);
                (stages.chosen, Vec::new(), stages.doc)
            }
        };
        let entities = to_entities(text, &mut chosen, evidence);
        Spare::keep(doc.into_buffers(), chosen);
        entities
    }

    /// Tags many documents on all cores; the result for `texts[i]` is at index `i`, the same
    /// as [`Tagger::tag`] gives for it.
    ///
    /// # Example
    ///
    /// ```
    /// let places = tandai::Gazetteer::parse("tempat", "# label: LOC\nBandung\nJenewa\n")?;
    /// let tagger = tandai::Tagger::builder()
    ///     .embedded_gazetteers(false)
    ///     .gazetteer(places)
    ///     .build()?;
    /// let docs = ["Banjir di Bandung.", "Tidak ada nama di sini.", "Dari Jenewa ke Bandung."];
    /// let results = tagger.tag_batch(&docs);
    /// let names: Vec<Vec<&str>> = results
    ///     .iter()
    ///     .map(|entities| entities.iter().map(|e| e.as_str()).collect())
    ///     .collect();
    /// assert_eq!(names, [vec!["Bandung"], vec![], vec!["Jenewa", "Bandung"]]);
    /// # Ok::<(), tandai::Error>(())
    /// ```
    pub fn tag_batch<'h, T: AsRef<str> + Sync>(&self, texts: &'h [T]) -> Vec<Vec<Entity<'h>>> {
        crate::batch::map_in_order(texts, crate::batch::all_cores(), |t| self.tag(t.as_ref()))
    }

    /// Runs the stages up to resolution and consistency. `for_model`: as the learned layer
    /// reads them, with a copy of the candidates before resolution and without the
    /// `name_words` and `lowercase_names` rules (the model learns those words itself, from the
    /// same train splits), the `web_name` rule (the train splits have too few sites to teach
    /// the model; `model::tag` adds them after it), organization cues that open a sentence
    /// (`org_cue::apply_opening`), speech verbs after a run (`speaker`), names before an age
    /// (`age`) and names joined to a person (`coordination`; `model::tag` adds
    /// the names of these four where the model left them free).
    /// `keep` drops matcher candidates before the later stages see them (the trainer hides
    /// list entries learned from the sentence at hand).
    pub(crate) fn stages<'h>(
        &self,
        text: &'h str,
        for_model: bool,
        keep: Option<&dyn Fn(&Candidate) -> bool>,
    ) -> Stages<'h> {
        let (folded, doc, mut candidates) = self.matched(text, keep);
        let doc = rules::Doc::reusing(text, folded, doc, &candidates);
        rules::apply(
            &doc,
            &mut candidates,
            self.inner.name_words && !for_model,
            !for_model,
            self.inner.ignore_case,
        );
        let kept = if for_model {
            candidates.clone()
        } else {
            Vec::new()
        };
        let mut chosen = resolve(candidates);
        let more = consistency::apply(&doc, &chosen, self.inner.custom_from, !for_model);
        if !more.is_empty() {
            chosen = resolve(chosen.into_iter().chain(more).collect());
        }
        // Clubs and speakers last (the learned layer does the same after its own tags,
        // `model::tag`).
        if !for_model {
            rules::with_glued_syllables(&doc, self.inner.custom_from, &mut chosen);
            rules::person_cue::holders_after_units(&doc, &mut chosen);
            rules::person_cue::without_units_alone(&doc, &mut chosen);
            rules::after_choosing(&doc, &mut chosen, self.inner.custom_from);
            rules::without_things(&doc, &mut chosen);
            rules::brand_name::without_brand_persons(&doc, &mut chosen);
        }
        Stages {
            doc,
            candidates: kept,
            chosen,
        }
    }

    /// The first stages, shared by every mode: the text folded and cut into tokens, and the
    /// gazetteers' entries found in it (those `keep` keeps), ambiguous ones only with evidence.
    fn matched<'h>(
        &self,
        text: &'h str,
        keep: Option<&dyn Fn(&Candidate) -> bool>,
    ) -> (Folded<'h>, rules::DocBuffers, Vec<Candidate>) {
        let Spare {
            mut doc,
            mut flags,
            mut candidates,
        } = Spare::take();
        let folded = Folded::reusing(text, std::mem::take(&mut doc.folded));
        doc.inner_period = tokenize_into(text, &mut doc.tokens);
        boundaries_into(text, &doc.tokens, self.inner.ignore_case, &mut flags);
        self.inner.matcher.find(
            text,
            &folded,
            &doc.tokens,
            &flags,
            self.inner.ignore_case,
            &mut candidates,
        );
        Spare::keep_flags(flags);
        if let Some(keep) = keep {
            candidates.retain(|c| keep(c));
        }
        common_words::filter(text, &doc.tokens, &mut candidates);
        (folded, doc, candidates)
    }

    /// The gazetteers' entries alone, overlaps resolved ([`TaggerBuilder::rules`] off), and
    /// the buffers to keep for the next text.
    fn listed(&self, text: &str) -> (Vec<Candidate>, rules::DocBuffers) {
        let (folded, mut doc, candidates) = self.matched(text, None);
        doc.folded = folded.into_buffer();
        (resolve(candidates), doc)
    }

    /// Writes this tagger's gazetteers to `path` compiled, as its matcher holds them (the
    /// embedded ones too, if it has them): [`TaggerBuilder::compiled_gazetteers`] reads them
    /// back without parsing, folding, sorting and building again. A gazetteer of a million
    /// entries takes seconds to build from its text, and a fraction of a second to read
    /// compiled (README, "Speed"). The file is only for the same version of tandai.
    ///
    /// # Errors
    ///
    /// An [`ErrorKind::Io`](crate::ErrorKind::Io) error naming `path` when it cannot be
    /// written. A file is written beside `path` and renamed to it, so `path` is never left
    /// half written; a symbolic link, device or pipe is written to as it is.
    ///
    /// # Example
    ///
    /// ```
    /// use tandai::{Gazetteer, Tagger};
    ///
    /// let places = Gazetteer::parse("tempat", "# label: LOC\nJenewa\nSwiss\n")?;
    /// let tagger = Tagger::builder().embedded_gazetteers(false).gazetteer(places).build()?;
    /// let path = std::env::temp_dir().join(format!("tempat-{}.tandai", std::process::id()));
    /// tagger.save_gazetteers(&path)?;
    ///
    /// let again = Tagger::builder()
    ///     .embedded_gazetteers(false)
    ///     .compiled_gazetteers(&path)
    ///     .build()?;
    /// let entities = again.tag("Dari Jenewa, Swiss.");
    /// let names: Vec<&str> = entities.iter().map(|e| e.as_str()).collect();
    /// assert_eq!(names, ["Jenewa", "Swiss"]);
    /// # std::fs::remove_file(&path).unwrap();
    /// # Ok::<(), tandai::Error>(())
    /// ```
    pub fn save_gazetteers(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let header = crate::compiled::Header {
            embedded: self.inner.name_words,
            ignore_case: self.inner.ignore_case,
            custom_from: self.inner.custom_from,
        };
        let bytes = crate::compiled::write(&self.inner.matcher, header)
            .map_err(|e| Error::build(format!("cannot compile the gazetteers: {e}")))?;
        let io = |e| Error::io(&name, None, e).with_path(path);
        // A symbolic link, a device (`/dev/stdout`) or a pipe is written to as it is: renaming
        // over it would replace it.
        let plain = std::fs::symlink_metadata(path).map_or(true, |m| m.file_type().is_file());
        if !plain {
            return std::fs::write(path, bytes).map_err(io);
        }
        // A file is written beside it and renamed over it: a reader never sees half a file, and
        // an old file stays whole if writing fails.
        let mut partial = path.as_os_str().to_owned();
        partial.push(format!(".partial-{}", std::process::id()));
        let partial = PathBuf::from(partial);
        std::fs::write(&partial, bytes)
            .and_then(|()| std::fs::rename(&partial, path))
            .map_err(|e| {
                let _ = std::fs::remove_file(&partial);
                io(e)
            })
    }

    /// Gazetteer priorities from here on belong to the user's own lists.
    #[cfg(feature = "embedded")]
    pub(crate) fn custom_from(&self) -> u32 {
        self.inner.custom_from
    }

    pub(crate) fn matcher(&self) -> &Matcher {
        &self.inner.matcher
    }

    /// Whether the learned layer is on (see [`TaggerBuilder::model`]).
    pub fn uses_model(&self) -> bool {
        self.inner.model.is_some()
    }

    /// Whether the tagger matches without regard to case (see [`TaggerBuilder::ignore_case`]).
    pub fn ignores_case(&self) -> bool {
        self.inner.ignore_case
    }
}

#[cfg(feature = "embedded")]
impl Default for Tagger {
    /// A clone of [`Tagger::embedded`]: no rebuild.
    fn default() -> Tagger {
        Tagger::embedded().clone()
    }
}

/// The vectors of the last text tagged on this thread, kept for the next: allocating and
/// freeing them for every paragraph cost a fifteenth of tagging it (blocks of a kilobyte and more
/// take `malloc`'s slow path).
#[derive(Default)]
struct Spare {
    doc: rules::DocBuffers,
    flags: Vec<u8>,
    /// Empty, with room.
    candidates: Vec<Candidate>,
}

thread_local! {
    static SPARE: RefCell<Spare> = RefCell::default();
}

/// Vectors that grew past this many bytes are dropped, not kept: one huge document must not
/// hold its memory after it is tagged.
const SPARE_BYTES: usize = 1 << 20;

impl Spare {
    /// The spare vectors (empty ones if none are kept), to fill.
    fn take() -> Spare {
        SPARE
            .try_with(|s| std::mem::take(&mut *s.borrow_mut()))
            .unwrap_or_default()
    }

    fn keep_flags(flags: Vec<u8>) {
        if flags.capacity() <= SPARE_BYTES {
            let _ = SPARE.try_with(|s| s.borrow_mut().flags = flags);
        }
    }

    /// Keeps the buffers of a document and its candidates' vector (emptied here).
    fn keep(doc: rules::DocBuffers, mut candidates: Vec<Candidate>) {
        candidates.clear();
        let _ = SPARE.try_with(|s| {
            let mut s = s.borrow_mut();
            if doc.bytes() <= SPARE_BYTES {
                s.doc = doc;
            }
            if candidates.capacity() * std::mem::size_of::<Candidate>() <= SPARE_BYTES {
                s.candidates = candidates;
            }
        });
    }
}

/// Turns sorted, non-overlapping candidates into entities, counting characters once; the
/// learned layer's `evidence` of each, if any, goes with it.
fn to_entities<'h>(
    text: &'h str,
    chosen: &mut Vec<Candidate>,
    evidence: Vec<Option<Arc<str>>>,
) -> Vec<Entity<'h>> {
    let mut byte = 0;
    let mut chars = 0;
    let mut evidence = evidence.into_iter();
    chosen
        .drain(..)
        .map(|c| {
            chars += text[byte..c.start].chars().count();
            let char_start = chars;
            chars += text[c.start..c.end].chars().count();
            byte = c.end;
            Entity {
                text: Cow::Borrowed(&text[c.start..c.end]),
                label: c.label,
                bytes: Span {
                    start: c.start,
                    end: c.end,
                },
                chars: Span {
                    start: char_start,
                    end: chars,
                },
                source: c.source,
                canonical: c.canonical,
                evidence: evidence.next().flatten(),
            }
        })
        .collect()
}

/// Configures and builds a [`Tagger`].
///
/// By default the tagger uses the embedded gazetteers (when the `embedded` feature is on) and
/// matches case-aware. Gazetteers added with [`gazetteer`](TaggerBuilder::gazetteer) come
/// after the embedded ones; when two gazetteers list the same entry, the one added last wins.
///
/// # Example
///
/// ```
/// use tandai::{Gazetteer, Label, Tagger};
///
/// let mut products = Gazetteer::new("products");
/// products.insert("Indomie", Label::new("PRODUCT")?)?;
/// let tagger = Tagger::builder().gazetteer(products).build()?;
/// let entities = tagger.tag("Indomie laris di Nigeria.");
/// assert_eq!(entities[0].label().as_str(), "PRODUCT");
/// assert_eq!(entities[0].source(), "gazetteer:products");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct TaggerBuilder {
    gazetteers: Vec<Gazetteer>,
    embedded: bool,
    ignore_case: bool,
    model: bool,
    style: Option<String>,
    explain: bool,
    compiled: Option<PathBuf>,
    rules: bool,
}

impl Default for TaggerBuilder {
    fn default() -> TaggerBuilder {
        TaggerBuilder::new()
    }
}

impl TaggerBuilder {
    /// A builder with the default settings.
    pub fn new() -> TaggerBuilder {
        TaggerBuilder {
            gazetteers: Vec::new(),
            embedded: cfg!(feature = "embedded"),
            ignore_case: false,
            model: false,
            style: None,
            explain: false,
            compiled: None,
            rules: true,
        }
    }

    /// Adds a gazetteer. It takes priority over the embedded ones and those added before it.
    pub fn gazetteer(&mut self, gazetteer: Gazetteer) -> &mut TaggerBuilder {
        self.gazetteers.push(gazetteer);
        self
    }

    /// Whether to include the embedded gazetteers (default: yes, with the `embedded` feature).
    /// They come with the one rule that draws on name knowledge too: a capitalized run whose
    /// words were names in the annotated train splits is a name (`Bambang …`: a person).
    pub fn embedded_gazetteers(&mut self, yes: bool) -> &mut TaggerBuilder {
        self.embedded = yes;
        self
    }

    /// Match regardless of case, for text that has no capitalization (chat, lowercased
    /// corpora). Off by default: in ordinary text `batu` is a word and `Batu` a town.
    /// Entity offsets still point into the original text.
    ///
    /// # Example
    ///
    /// ```
    /// use tandai::{Gazetteer, Tagger};
    ///
    /// let places = Gazetteer::parse("places", "# label: LOC\nBatu\n")?;
    /// let mut builder = Tagger::builder();
    /// builder.embedded_gazetteers(false).gazetteer(places);
    /// assert!(builder.build()?.tag("wisata ke batu").is_empty());
    /// assert_eq!(builder.ignore_case(true).build()?.tag("wisata ke batu")[0].as_str(), "batu");
    /// # Ok::<(), tandai::Error>(())
    /// ```
    pub fn ignore_case(&mut self, yes: bool) -> &mut TaggerBuilder {
        self.ignore_case = yes;
        self
    }

    /// Adds the learned layer (feature `model`, on by default): a sequence model that takes the
    /// lists' and rules' candidates as evidence, next to the words and their context, and
    /// decides which are names, finding names no list holds. Off by default. With
    /// [`ignore_case`](TaggerBuilder::ignore_case), a model trained for text without
    /// capitalization is used.
    ///
    /// A match of a gazetteer you add is still tagged with its label (a custom label such as
    /// `PRODUCT` is never overridden); the model decides the rest. An entity the model found
    /// has the source `model:` plus the candidate it confirmed (`model:gazetteer:loc`,
    /// `model:rule:person_cue`), or `model` for a name that no list or rule proposed.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "model")] {
    /// use tandai::{Gazetteer, Label, Tagger};
    ///
    /// let products = Gazetteer::parse("produk", "# label: PRODUCT\nTeh Botol\n")?;
    /// let tagger = Tagger::builder().model(true).gazetteer(products).build()?;
    /// let found: Vec<_> = tagger
    ///     .tag("Teh Botol laris di Surabaya.")
    ///     .iter()
    ///     .map(|e| (e.as_str().to_string(), e.label()))
    ///     .collect();
    /// assert_eq!(found[0], ("Teh Botol".to_string(), Label::new("PRODUCT")?));
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn model(&mut self, yes: bool) -> &mut TaggerBuilder {
        self.model = yes;
        self
    }

    /// Turns the learned layer on with the annotation conventions of one of the corpora it was
    /// trained on: `idner-news-2k`, `nerui`, `nerugm` (news) or `nergrit` (encyclopedic). The
    /// corpora disagree on what a name is: in `idner-news-2k` a country that acts
    /// (`Israel menyerang …`) is no place, a title is never part of a name in one corpus and
    /// sometimes is in another. The default model learns what they share; a style adds what
    /// one corpus alone taught, for users who need output that agrees with that corpus (to
    /// compare with models trained on it, or to extend it). For the model for text without
    /// capitalization ([`ignore_case`](TaggerBuilder::ignore_case)) there are no styles.
    ///
    /// # Errors
    ///
    /// [`build`](TaggerBuilder::build) fails when the model has no such style; the message
    /// lists those it has.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "model")] {
    /// use tandai::Tagger;
    ///
    /// let tagger = Tagger::builder().style("nerugm").build()?;
    /// assert!(tagger.uses_model());
    /// let err = Tagger::builder().style("chat").build().unwrap_err();
    /// assert!(err.to_string().contains("nerugm"));
    /// # }
    /// # Ok::<(), tandai::Error>(())
    /// ```
    pub fn style(&mut self, corpus: &str) -> &mut TaggerBuilder {
        self.model = true;
        self.style = Some(corpus.to_string());
        self
    }

    /// Turns the learned layer on, and has each name it finds that no list or rule proposed
    /// (source `model`) say what counted most for it: [`Entity::evidence`](crate::Entity::evidence).
    /// Off by default: the explanations cost about 5% of the learned layer's time.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "model")] {
    /// let tagger = tandai::Tagger::builder().explain(true).build()?;
    /// let text = "Ketua RT setempat, Zorbanius, mengatakan banjir surut.";
    /// let e = &tagger.tag(text)[0];
    /// assert_eq!((e.as_str(), e.source()), ("Zorbanius", "model"));
    /// assert!(e.evidence().is_some_and(|why| why.contains("\"Zorbanius\"")));
    /// # }
    /// # Ok::<(), tandai::Error>(())
    /// ```
    pub fn explain(&mut self, yes: bool) -> &mut TaggerBuilder {
        self.model |= yes;
        self.explain = yes;
        self
    }

    /// Whether the context rules run (default: yes). Without them the tagger finds the
    /// gazetteers' entries alone, as a list matcher does, only faster and with their
    /// boundaries, case and overlaps settled: whole tokens only, the case an entry is written
    /// in (unless [`ignore_case`](TaggerBuilder::ignore_case)), the longest of overlapping
    /// entries, a list entry that is also a common word only where the text shows it is a
    /// name. No name is guessed from cues, words or the rest of the document; the learned layer
    /// reads the rules, so [`build`](TaggerBuilder::build) fails when it is asked for too.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "embedded")] {
    /// let text = "Kata Bupati Zorbanius, banjir di Semarang surut.";
    /// let names = |tagger: &tandai::Tagger| -> Vec<String> {
    ///     tagger.tag(text).iter().map(|e| e.as_str().to_string()).collect()
    /// };
    /// assert_eq!(names(tandai::Tagger::embedded()), ["Zorbanius", "Semarang"]);
    /// assert_eq!(names(&tandai::Tagger::builder().rules(false).build()?), ["Semarang"]);
    /// # }
    /// # Ok::<(), tandai::Error>(())
    /// ```
    pub fn rules(&mut self, yes: bool) -> &mut TaggerBuilder {
        self.rules = yes;
        self
    }

    /// Uses the gazetteers compiled into `path` by [`Tagger::save_gazetteers`] instead of
    /// building them: every list the saved tagger had, the embedded ones too if it had them.
    ///
    /// # Errors
    ///
    /// [`build`](TaggerBuilder::build) fails, naming the file, when it cannot be read, is not a
    /// compiled gazetteer file of this version of tandai, or is damaged; when
    /// [`gazetteer`](TaggerBuilder::gazetteer) added lists (compile them into the file
    /// instead); and when the file was compiled with the embedded gazetteers and this builder
    /// is set without them, or the other way round, or with the other
    /// [`ignore_case`](TaggerBuilder::ignore_case) setting.
    ///
    /// # Example
    ///
    /// See [`Tagger::save_gazetteers`].
    pub fn compiled_gazetteers(&mut self, path: impl AsRef<Path>) -> &mut TaggerBuilder {
        self.compiled = Some(path.as_ref().to_path_buf());
        self
    }

    /// The matcher of the compiled file at `path`, and where its custom lists begin.
    fn read_compiled(&self, path: &Path) -> Result<(Matcher, u32), Error> {
        let name = path.display().to_string();
        let fail = |detail: String| Error::parse(&name, None, detail).with_path(path);
        if !self.gazetteers.is_empty() {
            return Err(fail(
                "gazetteers added to a builder that reads compiled ones: compile them together"
                    .into(),
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(&name, None, e).with_path(path))?;
        let (matcher, header) = crate::compiled::read(&bytes).map_err(fail)?;
        let with = |yes: bool| if yes { "with" } else { "without" };
        if header.embedded != self.embedded {
            return Err(fail(format!(
                "compiled {} the embedded gazetteers, and the builder is set {} them",
                with(header.embedded),
                with(self.embedded)
            )));
        }
        if header.ignore_case != self.ignore_case {
            return Err(fail(format!(
                "compiled {} ignore_case, and the builder is set {} it",
                with(header.ignore_case),
                with(self.ignore_case)
            )));
        }
        Ok((matcher, header.custom_from))
    }

    /// Builds the tagger.
    ///
    /// # Errors
    ///
    /// When the embedded gazetteers are asked for but the `embedded` feature is off, the model
    /// is asked for without the [`rules`](TaggerBuilder::rules) it reads, or while the `model`
    /// feature is off, or has no such [`style`](TaggerBuilder::style),
    /// the automaton cannot be built (its trie would have four billion nodes), or the
    /// [compiled gazetteers](TaggerBuilder::compiled_gazetteers) cannot be used.
    pub fn build(&self) -> Result<Tagger, Error> {
        // Before the matcher, which may take seconds to build.
        if self.model && !self.rules {
            return Err(Error::build(
                "the learned layer reads the context rules: it cannot run without them",
            ));
        }
        let (matcher, custom_from) = match &self.compiled {
            Some(path) => self.read_compiled(path)?,
            None => self.build_matcher()?,
        };
        // The rules' cue lists are parsed now rather than inside the first text's tagging.
        once_cell::sync::Lazy::force(&crate::rules::CUES);
        let model = if self.model {
            let style = self.style.as_deref();
            Some(crate::model::embedded(self.ignore_case, style).map_err(Error::build)?)
        } else {
            None
        };
        Ok(Tagger {
            inner: Arc::new(Inner {
                matcher,
                ignore_case: self.ignore_case,
                model,
                custom_from,
                name_words: self.embedded,
                explain: self.explain,
                rules: self.rules,
            }),
        })
    }

    /// The matcher of the builder's gazetteers, and where its custom lists begin.
    fn build_matcher(&self) -> Result<(Matcher, u32), Error> {
        let mut all: Vec<&Gazetteer> = Vec::new();
        #[cfg(feature = "embedded")]
        let ambiguous: HashSet<&str> = if self.embedded {
            crate::embedded::ambiguous(self.ignore_case).collect()
        } else {
            HashSet::new()
        };
        #[cfg(not(feature = "embedded"))]
        let ambiguous: HashSet<&str> = HashSet::new();
        if self.embedded {
            #[cfg(feature = "embedded")]
            all.extend(crate::embedded::gazetteers());
            #[cfg(not(feature = "embedded"))]
            return Err(Error::build(
                "the embedded gazetteers are not compiled in: enable the \"embedded\" feature",
            ));
        }
        let custom_from = u32::try_from(all.len()).unwrap_or(u32::MAX);
        all.extend(&self.gazetteers);
        Ok((Matcher::new(&all, &ambiguous)?, custom_from))
    }
}
