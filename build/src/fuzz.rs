//! A property test of the shared grammar: generated and mutated `#[lambda_function]` and
//! `stack!` inputs go through parsing and every rule, and none makes them panic.
//!
//! `STACKFORGE_FUZZ_CASES` sets the number of inputs (default 20,000); the README gives the
//! command for the full run of 100,000.

use crate::syntax::ast::{FunctionAttr, StackInput};
use crate::syntax::errors::Ctxt;
use crate::syntax::valid;
use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// Inputs the mutations start from: one of each construct, valid or nearly.
const STACK_SEEDS: &[&str] = &[
    include_str!("../../examples/seed-chapter/src/main.rs"),
    include_str!("../../examples/hello-api/src/main.rs"),
    include_str!("../../examples/s3-thumbnail/src/main.rs"),
    include_str!("../../examples/sqs-worker/src/main.rs"),
    include_str!("../../examples/stream-processor/src/main.rs"),
    r#"stack! { S { queue q { fifo: true, name: "q.fifo", dead_letter: d, max_receive_count: 3 }
        queue d { fifo: true } q.on_message(batch_size = 10) => f;
        stream k { shards: 1 } k.on_record(starting_position = AT_TIMESTAMP, starting_timestamp = 5) => g;
        topic t { fifo: false } t.on_message() => h; schedule s = "rate(1 day)" => f;
        rule r { source: ["a"], detail: { x: [1, 2.5, true] }, bus: b } => f; event_bus b;
        alias f.live { provisioned_concurrency: 1, additional_version: "1", additional_weight: 0.5 }
        version g; alarm a { function: f, metric: iterator_age, threshold: -1.5, period: 10, actions: [t] }
        function f { retry_attempts: 2, on_success: t, on_failure: q, dead_letter: d }
        api x { stage: "v1", "/a/{b}/{c+}" { ANY => f } "/" { GET => g } }
        grant f consume q; allow f ["s3:GetObject", "*", "lambda:InvokeFunction"] on b2.objects, f;
        bucket b2 { name: "a..b" } b2.event_source(batch_size = 5) => f; output o = x.url; } }"#,
];

const ATTR_SEEDS: &[&str] = &[
    r#"memory = 256, timeout = 30, name = "n", description = "d", architecture = arm64,
       environment = { A = "1", "B" = "2" }, reserved_concurrency = 0, ephemeral_storage = 512,
       log_retention = 7, tracing = active, log_format = json, application_log_level = info,
       system_log_level = warn"#,
    r#"memory = -1, timeout = 1.5, name = 3, environment = { AWS_REGION = x }, memroy = 1"#,
];

/// A small deterministic generator (SplitMix64), so that a failing case can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The token trees of `stack!` invocations in a seed, or the whole seed.
fn stack_bodies(seed: &str) -> Vec<TokenStream> {
    let Ok(file) = syn::parse_file(seed) else {
        return seed
            .parse::<TokenStream>()
            .map(|t| vec![strip_macro(t)])
            .unwrap_or_default();
    };
    file.items
        .into_iter()
        .filter_map(|item| match item {
            syn::Item::Macro(m) if m.mac.path.is_ident("stack") => Some(m.mac.tokens),
            _ => None,
        })
        .collect()
}

fn strip_macro(tokens: TokenStream) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    match trees.as_slice() {
        [TokenTree::Ident(_), TokenTree::Punct(_), TokenTree::Group(g)] => g.stream(),
        _ => trees.into_iter().collect(),
    }
}

/// Tokens a mutation may insert: keywords, punctuation and literals of the grammar.
fn random_token(rng: &mut Rng) -> TokenTree {
    const WORDS: &[&str] = &[
        "function",
        "bucket",
        "queue",
        "table",
        "stream",
        "topic",
        "api",
        "grant",
        "allow",
        "on",
        "output",
        "alias",
        "alarm",
        "version",
        "schedule",
        "rule",
        "event_bus",
        "role",
        "GET",
        "ANY",
        "read",
        "write",
        "send",
        "consume",
        "publish",
        "objects",
        "url",
        "on_message",
        "on_record",
        "on_object_created",
        "memory",
        "timeout",
        "TRIM_HORIZON",
    ];
    const PUNCT: &[char] = &[';', ',', '.', ':', '=', '>', '-', '#', '+', '/', '*', '!'];
    match rng.below(5) {
        0 => TokenTree::Ident(Ident::new(WORDS[rng.below(WORDS.len())], Span::call_site())),
        1 => TokenTree::Punct(Punct::new(PUNCT[rng.below(PUNCT.len())], Spacing::Alone)),
        2 => {
            let n = [0, 1, 3, 29, 30, 128, 900, 10_240, u64::MAX][rng.below(9)];
            TokenTree::Literal(Literal::u64_unsuffixed(n))
        }
        3 => {
            let s = [
                "",
                "/",
                "/a/{b}",
                "/{x+}/y",
                "rate(1 days)",
                "cron(* * * * * *)",
                "s3:*",
                "nodejs14.x",
                "a.fifo",
            ];
            TokenTree::Literal(Literal::string(s[rng.below(s.len())]))
        }
        _ => {
            let delimiter =
                [Delimiter::Brace, Delimiter::Bracket, Delimiter::Parenthesis][rng.below(3)];
            TokenTree::Group(Group::new(delimiter, TokenStream::new()))
        }
    }
}

/// One mutation of `tokens`: delete, duplicate, insert or replace a token, at any depth.
fn mutate(tokens: TokenStream, rng: &mut Rng, depth: usize) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    if trees.is_empty() {
        return std::iter::once(random_token(rng)).collect();
    }
    let at = rng.below(trees.len());
    let descend = depth < 6 && matches!(trees[at], TokenTree::Group(_)) && rng.below(3) > 0;
    if descend {
        if let TokenTree::Group(group) = &trees[at] {
            let inner = mutate(group.stream(), rng, depth + 1);
            trees[at] = TokenTree::Group(Group::new(group.delimiter(), inner));
        }
        return trees.into_iter().collect();
    }
    match rng.below(4) {
        0 => {
            trees.remove(at);
        }
        1 => {
            let copy = trees[at].clone();
            trees.insert(at, copy);
        }
        2 => trees.insert(at, random_token(rng)),
        _ => trees[at] = random_token(rng),
    }
    trees.into_iter().collect()
}

/// Parses and checks one input; the context is always checked, as the macros do.
fn run_stack(tokens: TokenStream) {
    let mut cx = Ctxt::new();
    if let Ok(input) = syn::parse2::<StackInput>(tokens) {
        valid::validate_stacks(&input, &mut cx);
    }
    let _ = cx.take_warnings();
    let _ = cx.check();
}

fn run_attr(tokens: TokenStream) {
    let mut cx = Ctxt::new();
    let ident = Ident::new("handler", Span::call_site());
    if let Ok(attr) = syn::parse2::<FunctionAttr>(tokens) {
        valid::validate_attr(&attr, &ident, &mut cx);
    }
    let _ = cx.take_warnings();
    let _ = cx.check();
}

#[test]
fn no_input_makes_the_grammar_panic() {
    let cases: usize = std::env::var("STACKFORGE_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let seed: u64 = std::env::var("STACKFORGE_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5eed);
    let stacks: Vec<TokenStream> = STACK_SEEDS.iter().flat_map(|s| stack_bodies(s)).collect();
    let attrs: Vec<TokenStream> = ATTR_SEEDS.iter().filter_map(|s| s.parse().ok()).collect();
    assert!(
        stacks.len() >= 6 && attrs.len() == 2,
        "the seeds parse as token streams"
    );
    let mut rng = Rng(seed);
    for case in 0..cases {
        let is_attr = case % 5 == 0;
        let pool = if is_attr { &attrs } else { &stacks };
        let mut tokens = pool[rng.below(pool.len())].clone();
        for _ in 0..=rng.below(8) {
            tokens = mutate(tokens, &mut rng, 0);
        }
        let text = tokens.to_string();
        let outcome = std::panic::catch_unwind(|| {
            if is_attr {
                run_attr(tokens);
            } else {
                run_stack(tokens);
            }
        });
        assert!(
            outcome.is_ok(),
            "case {case} (seed {seed}) panicked on input:\n{text}"
        );
    }
}
