//! The local commands of an app binary: `invoke`, `serve`, `runtime-api`.

use super::invoke;
use super::log::{self, Sink};
use super::{runtime_api, serve};
use crate::app::App;
use crate::Error;
use serde_json::Value;
use std::ffi::OsString;
use std::io::{Read as _, Write as _};

/// Exit status of a local command that failed: the handler failed, or a server did.
const FAILED: i32 = 1;
/// Exit status of a command line that is not understood.
const USAGE: i32 = 2;

/// Runs the command in `args`; returns the exit status.
pub(crate) fn main(app: App, args: &[OsString]) -> i32 {
    let program = std::env::args_os()
        .next()
        .map(|p| {
            std::path::Path::new(&p).file_name().map_or_else(
                || p.to_string_lossy().into_owned(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .unwrap_or_else(|| "app".to_owned());
    let command = match parse(args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}\nrun `{program} --help` for the usage");
            return USAGE;
        }
    };
    if !matches!(command, Command::Help) {
        log::init(Sink::Local);
    }
    let code = match command {
        Command::Help => {
            print!("{}", usage(&program, &app));
            0
        }
        Command::Invoke { handler, event } => run_invoke(&app, &handler, &event),
        Command::Serve(options) => report(serve::run(app, &options)),
        Command::RuntimeApi {
            port,
            handler,
            events,
            timeout,
        } => match read_events(&events) {
            Ok(events) => {
                let options = runtime_api::Options {
                    port,
                    handler,
                    events,
                    timeout,
                };
                match runtime_api::run(&app, options) {
                    Ok(true) => 0,
                    Ok(false) => FAILED,
                    Err(error) => report(Err(error)),
                }
            }
            Err(error) => report(Err(error)),
        },
    };
    // Exiting skips destructors: hand over what is buffered first.
    let _ = std::io::stdout().flush();
    code
}

fn report(result: Result<(), Error>) -> i32 {
    match result {
        Ok(()) => 0,
        Err(error) => {
            eprintln!("error: {error}");
            FAILED
        }
    }
}

enum Command {
    Help,
    Invoke {
        handler: String,
        event: String,
    },
    Serve(serve::Options),
    RuntimeApi {
        port: u16,
        handler: String,
        events: Vec<String>,
        timeout: u64,
    },
}

fn parse(args: &[OsString]) -> Result<Command, String> {
    let mut words = Vec::with_capacity(args.len());
    for arg in args {
        let Some(word) = arg.to_str() else {
            return Err(format!(
                "argument `{}` is not valid UTF-8",
                arg.to_string_lossy()
            ));
        };
        // `--port=3000` reads as `--port 3000`.
        match word
            .split_once('=')
            .filter(|(flag, _)| flag.starts_with("--"))
        {
            Some((flag, value)) => {
                words.push(flag.to_owned());
                words.push(value.to_owned());
            }
            None => words.push(word.to_owned()),
        }
    }
    if words.iter().any(|w| w == "--help" || w == "-h") {
        return Ok(Command::Help);
    }
    let Some((command, rest)) = words.split_first() else {
        return Err("no command given: outside AWS Lambda (`_HANDLER` unset) this binary runs `invoke`, `serve` or `runtime-api`".to_owned());
    };
    let mut flags = Flags::new(command, rest);
    let command = match command.as_str() {
        "help" => Command::Help,
        "invoke" => {
            let handler = flags.positional("handler")?;
            let event = flags.value("--event")?;
            let event = event.ok_or("`invoke` needs the event: `--event <file.json>`")?;
            Command::Invoke { handler, event }
        }
        "serve" => Command::Serve(serve::Options {
            port: flags.port(serve::DEFAULT_PORT)?,
            api: flags.value("--api")?,
        }),
        "runtime-api" => {
            let port = flags.port(runtime_api::DEFAULT_PORT)?;
            let handler = flags.value("--handler")?.ok_or(
                "`runtime-api` needs the handler the bootstrap serves: `--handler <name>`",
            )?;
            let mut events = Vec::new();
            while let Some(event) = flags.value("--event")? {
                events.push(event);
            }
            if events.is_empty() {
                return Err(
                    "`runtime-api` needs at least one event: `--event <file.json>`".to_owned(),
                );
            }
            let timeout = match flags.value("--timeout")? {
                Some(text) => text.parse::<u64>().ok().filter(|t| *t > 0).ok_or_else(|| {
                    format!("`--timeout` must be a number of seconds above 0, found `{text}`")
                })?,
                None => runtime_api::DEFAULT_TIMEOUT_S,
            };
            Command::RuntimeApi {
                port,
                handler,
                events,
                timeout,
            }
        }
        other => {
            let commands = ["invoke", "serve", "runtime-api"];
            return Err(match commands.iter().find(|c| distance(other, c) <= 2) {
                Some(command) => format!("unknown command `{other}`; did you mean `{command}`?"),
                None => format!("unknown command `{other}`; the commands are `invoke`, `serve` and `runtime-api`"),
            });
        }
    };
    flags.finish()?;
    Ok(command)
}

/// The flags of one command, taken as the command asks for them; whatever is left over is
/// an error.
struct Flags<'a> {
    command: &'a str,
    words: Vec<Option<&'a str>>,
}

impl<'a> Flags<'a> {
    fn new(command: &'a str, words: &'a [String]) -> Self {
        Flags {
            command,
            words: words.iter().map(|w| Some(w.as_str())).collect(),
        }
    }

    /// The first word that is not a flag or a flag's value.
    fn positional(&mut self, name: &str) -> Result<String, String> {
        let mut skip = false;
        for word in &mut self.words {
            match *word {
                Some(_) if skip => skip = false,
                Some(w) if w.starts_with("--") => skip = true,
                Some(w) => {
                    *word = None;
                    return Ok(w.to_owned());
                }
                None => {}
            }
        }
        Err(format!(
            "`{}` needs the {name}: `{} <{name}>`",
            self.command, self.command
        ))
    }

    /// The value of the next occurrence of `flag`.
    fn value(&mut self, flag: &str) -> Result<Option<String>, String> {
        let Some(at) = self.words.iter().position(|w| *w == Some(flag)) else {
            return Ok(None);
        };
        self.words[at] = None;
        match self.words.get_mut(at + 1).and_then(Option::take) {
            Some(value) if !value.starts_with("--") => Ok(Some(value.to_owned())),
            _ => Err(format!("`{flag}` needs a value")),
        }
    }

    fn port(&mut self, default: u16) -> Result<u16, String> {
        match self.value("--port")? {
            Some(text) => text.parse::<u16>().map_err(|_| {
                format!("`--port` must be a port number from 0 to 65535 (0 for any free port), found `{text}`")
            }),
            None => Ok(default),
        }
    }

    fn finish(self) -> Result<(), String> {
        match self.words.iter().flatten().next() {
            Some(word) if word.starts_with('-') => {
                Err(format!("unknown option `{word}` for `{}`", self.command))
            }
            Some(word) => Err(format!(
                "unexpected argument `{word}` for `{}`",
                self.command
            )),
            None => Ok(()),
        }
    }
}

/// The Levenshtein distance between `a` and `b`.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

/// `invoke`: runs the handler once on the event and prints its response.
fn run_invoke(app: &App, handler: &str, event_file: &str) -> i32 {
    let Some(entry) = app.handler(handler) else {
        eprintln!(
            "error: no handler named `{handler}` in this app; its handlers are {}",
            app.handler_list()
        );
        return USAGE;
    };
    let event = match read_event(event_file) {
        Ok(event) => event,
        Err(error) => return report(Err(error)),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return report(Err(error.into())),
    };
    let context = invoke::local_context(app, entry, invoke::request_id());
    match runtime.block_on(invoke::call(entry, event, context, true)) {
        Ok(response) => {
            println!("{response}");
            0
        }
        Err(failure) => {
            eprintln!("error: handler `{handler}` {failure}");
            FAILED
        }
    }
}

fn read_events(files: &[String]) -> Result<Vec<(String, Value)>, Error> {
    files
        .iter()
        .map(|file| Ok((file.clone(), read_event(file)?)))
        .collect()
}

/// The JSON event in `file`, or on standard input for `-`.
fn read_event(file: &str) -> Result<Value, Error> {
    let text = if file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read the event from standard input: {e}"))?;
        text
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read event file `{file}`: {e}"))?
    };
    serde_json::from_str(&text).map_err(|e| format!("event file `{file}` is not JSON: {e}").into())
}

fn usage(program: &str, app: &App) -> String {
    let mut text = format!(
        "\
Runs the Lambda handlers of this app, on AWS Lambda and locally.

On AWS Lambda (the `_HANDLER` environment variable set), takes no arguments and serves the
handler named by the function's `Handler` setting.

Usage:
  {program} invoke <handler> --event <file.json>
      Runs the handler once on the event (`-` reads it from standard input) and prints its
      JSON response; on an error or a panic, prints it on stderr and exits with status 1.
  {program} serve [--port <port>] [--api <name>]
      Serves the stack's REST API on http://127.0.0.1:<port> (default {serve_port}; 0 picks a
      free port) as API Gateway proxy events; `--api` picks one API of several.
  {program} runtime-api --handler <name> --event <file.json>... [--port <port>] [--timeout <s>]
      Serves the Lambda Runtime API on 127.0.0.1:<port> (default {api_port}) for a bootstrap
      started as Lambda starts it, hands it the events in order, prints each response on
      stdout and each error on stderr, and exits when all are answered (status 1 if any
      failed) or after the timeout (default {timeout} s).
  {program} --help
      Prints this help.

Logs go to stderr: text, or JSON when AWS_LAMBDA_LOG_FORMAT=JSON; the level is
AWS_LAMBDA_LOG_LEVEL, else RUST_LOG, else INFO.
",
        serve_port = serve::DEFAULT_PORT,
        api_port = runtime_api::DEFAULT_PORT,
        timeout = runtime_api::DEFAULT_TIMEOUT_S,
    );
    text.push_str(&format!("\nHandlers: {}\n", app.handler_list()));
    if !app.routes().is_empty() {
        text.push_str("Routes:\n");
        for route in app.routes() {
            text.push_str(&format!(
                "  {} {} -> {} (API `{}`)\n",
                route.method, route.path, route.handler, route.api
            ));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &[&str]) -> Result<Command, String> {
        let args: Vec<OsString> = words.iter().map(OsString::from).collect();
        parse(&args)
    }

    #[test]
    fn commands_parse() {
        assert!(matches!(
            parse_words(&["invoke", "greet", "--event", "e.json"]),
            Ok(Command::Invoke { handler, event }) if handler == "greet" && event == "e.json"
        ));
        assert!(matches!(
            parse_words(&["invoke", "--event=e.json", "greet"]),
            Ok(Command::Invoke { handler, .. }) if handler == "greet"
        ));
        assert!(matches!(
            parse_words(&["serve", "--port", "0"]),
            Ok(Command::Serve(serve::Options { port: 0, api: None }))
        ));
        assert!(matches!(
            parse_words(&["runtime-api", "--handler", "h", "--event", "a", "--event", "b"]),
            Ok(Command::RuntimeApi { events, port: 9001, .. }) if events == ["a", "b"]
        ));
        assert!(matches!(
            parse_words(&["serve", "--help"]),
            Ok(Command::Help)
        ));
    }

    #[test]
    fn mistakes_are_errors() {
        let error = |words: &[&str]| parse_words(words).err().unwrap_or_default();
        assert_eq!(
            error(&["serv"]),
            "unknown command `serv`; did you mean `serve`?"
        );
        assert_eq!(
            error(&["serve", "--prot", "1"]),
            "unknown option `--prot` for `serve`"
        );
        assert_eq!(
            error(&["serve", "extra"]),
            "unexpected argument `extra` for `serve`"
        );
        assert_eq!(
            error(&["serve", "--port", "99999"]),
            "`--port` must be a port number from 0 to 65535 (0 for any free port), found `99999`"
        );
        assert_eq!(error(&["serve", "--port"]), "`--port` needs a value");
        assert_eq!(
            error(&["invoke", "greet"]),
            "`invoke` needs the event: `--event <file.json>`"
        );
        assert_eq!(
            error(&["invoke"]),
            "`invoke` needs the handler: `invoke <handler>`"
        );
        assert!(error(&[]).starts_with("no command given"));
        assert_eq!(
            error(&["deploy"]),
            "unknown command `deploy`; the commands are `invoke`, `serve` and `runtime-api`"
        );
    }
}
