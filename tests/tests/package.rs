//! Packaging: the build step builds hello-api's `bootstrap` zip with cargo-lambda, puts it in
//! the cloud assembly under its content hash, and the template and asset manifest name it.
//! The binary must run on Lambda's `provided.al2023`: x86-64, linked against glibc 2.34 at most.
//!
//! The only test that packages; every other build of the suite skips packaging. The test
//! command (`scripts/test.sh`) installs the pinned cargo-lambda and sets
//! `STACKFORGE_CARGO_LAMBDA`; without it, `cargo-lambda` is taken from `PATH`.

mod common;

use common::workspace;
use serde_json::Value;
use stackforge::assembly::sha256_hex;
use stackforge_build::{BuildEnv, Packaging};
use std::path::{Path, PathBuf};

/// The newest glibc an executable may need: Amazon Linux 2023's.
const MAX_GLIBC: (u32, u32) = (2, 34);

fn cargo_lambda() -> PathBuf {
    std::env::var_os(stackforge_build::CARGO_LAMBDA_ENV)
        .map_or_else(|| PathBuf::from("cargo-lambda"), PathBuf::from)
}

fn package_hello_api(label: &str) -> (Vec<String>, PathBuf) {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let assembly_dir = tmp.join("assemblies").join(label);
    let _ = std::fs::remove_dir_all(&assembly_dir);
    let env = BuildEnv {
        manifest_dir: workspace().join("examples").join("hello-api"),
        package: "hello-api".to_owned(),
        assembly_dir: assembly_dir.clone(),
    };
    let packaging = Packaging {
        cargo_lambda: cargo_lambda(),
        target_dir: tmp.join("stackforge-lambda"),
    };
    (
        stackforge_build::run_with(&env, Some(&packaging)),
        assembly_dir,
    )
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("JSON")
}

#[test]
fn hello_api_bootstrap_zip_is_packaged_for_lambda() {
    let (lines, assembly) = package_hello_api("hello-api-lambda");
    let problems = lines
        .iter()
        .any(|l| l.starts_with("cargo::error") || l.contains(" packaged"));
    let zip_line = lines
        .iter()
        .any(|l| l.starts_with("cargo::warning=bootstrap (x86_64): "));
    assert!(
        !problems && zip_line,
        "packaging did not complete (run the tests through scripts/test.sh, which installs \
         cargo-lambda): {lines:#?}"
    );

    // The asset manifest names one zip, in the assembly under the hash of its bytes.
    let assets = read_json(&assembly.join("HelloStack.assets.json"));
    let files = assets["files"].as_object().expect("files");
    let zips: Vec<(&String, &Value)> = files
        .iter()
        .filter(|(_, entry)| {
            entry["source"]["path"]
                .as_str()
                .is_some_and(|p| p.ends_with(".zip"))
        })
        .collect();
    assert_eq!(zips.len(), 1, "one zip for x86_64: {assets:#}");
    let (hash, entry) = zips[0];
    assert_eq!(entry["source"]["path"], format!("asset.{hash}.zip"));
    assert_eq!(entry["source"]["packaging"], "file");
    let destination = &entry["destinations"]["current_account-current_region"];
    assert_eq!(destination["objectKey"], format!("{hash}.zip"));
    let zip = std::fs::read(assembly.join(format!("asset.{hash}.zip"))).expect("the zip");
    assert_eq!(&sha256_hex(&zip), hash, "the zip is named by its SHA-256");

    // Every Rust function of the template runs it, on the architecture it is built for.
    let template = read_json(&assembly.join("HelloStack.template.json"));
    let functions: Vec<&Value> = template["Resources"]
        .as_object()
        .expect("resources")
        .values()
        .filter(|r| r["Type"] == "AWS::Lambda::Function")
        .map(|r| &r["Properties"])
        .collect();
    assert_eq!(functions.len(), 2);
    for function in functions {
        assert_eq!(function["Runtime"], "provided.al2023");
        assert_eq!(function["Code"]["S3Key"], format!("{hash}.zip"));
        assert_eq!(function["Architectures"], serde_json::json!(["x86_64"]));
    }

    // The zip holds one executable `bootstrap`: an x86-64 ELF linked against an old
    // enough glibc.
    let (name, mode, binary) = zip::single_entry(&zip);
    assert_eq!(name, "bootstrap");
    assert_eq!(mode & 0o777, 0o755, "bootstrap is executable: {mode:o}");
    let needs = elf::glibc_needs(&binary);
    assert!(
        needs.iter().any(|(file, _)| file == "libc.so.6"),
        "linked against glibc: {needs:?}"
    );
    let newest = needs
        .iter()
        .filter_map(|(_, version)| version.strip_prefix("GLIBC_"))
        .filter_map(|v| {
            let mut parts = v.split('.').map(|p| p.parse::<u32>().ok());
            Some((parts.next()??, parts.next().flatten().unwrap_or(0)))
        })
        .max()
        .expect("glibc symbol versions");
    assert!(
        newest <= MAX_GLIBC,
        "bootstrap needs GLIBC_{}.{}, newer than Amazon Linux 2023's 2.34",
        newest.0,
        newest.1
    );

    // The packaged binary answers an invocation the way Lambda runs it: against the local
    // Runtime API, which the same binary serves.
    answers_through_the_runtime_api(&binary);

    // The same input gives the same bytes.
    let (lines, again) = package_hello_api("hello-api-lambda-again");
    for file in ["HelloStack.template.json", "HelloStack.assets.json"] {
        assert_eq!(
            std::fs::read(assembly.join(file)).expect("first"),
            std::fs::read(again.join(file)).expect("second"),
            "{file} differs between two runs: {lines:#?}"
        );
    }
    assert_eq!(
        std::fs::read(again.join(format!("asset.{hash}.zip"))).expect("second zip"),
        zip
    );
}

fn u16_at(bytes: &[u8], at: usize) -> usize {
    u16::from_le_bytes(bytes[at..at + 2].try_into().expect("2 bytes")).into()
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
}

/// Just enough of the zip format to read a one-file archive.
mod zip {
    use super::{u16_at, u32_at};

    /// The only entry of a zip: its name, Unix mode and uncompressed bytes.
    pub(crate) fn single_entry(zip: &[u8]) -> (String, u32, Vec<u8>) {
        let end = (0..=zip.len() - 22)
            .rev()
            .find(|&at| u32_at(zip, at) == 0x0605_4b50)
            .expect("end of central directory");
        assert_eq!(u16_at(zip, end + 10), 1, "one entry");
        let central = u32_at(zip, end + 16) as usize;
        assert_eq!(u32_at(zip, central), 0x0201_4b50, "central directory");
        let method = u16_at(zip, central + 10);
        let crc = u32_at(zip, central + 16);
        let compressed = u32_at(zip, central + 20) as usize;
        let size = u32_at(zip, central + 24) as usize;
        let name_len = u16_at(zip, central + 28);
        let mode = u32_at(zip, central + 38) >> 16;
        let local = u32_at(zip, central + 42) as usize;
        let name = String::from_utf8_lossy(&zip[central + 46..central + 46 + name_len]);
        assert_eq!(u32_at(zip, local), 0x0403_4b50, "local header");
        let start = local + 30 + u16_at(zip, local + 26) + u16_at(zip, local + 28);
        let data = &zip[start..start + compressed];
        let content = match method {
            0 => data.to_vec(),
            8 => super::inflate::inflate(data),
            other => panic!("compression method {other}"),
        };
        assert_eq!(content.len(), size, "uncompressed size");
        assert_eq!(crc32(&content), crc, "CRC-32");
        (name.into_owned(), mode, content)
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
}

/// A plain DEFLATE decoder (RFC 1951), after zlib's `puff`.
mod inflate {
    const LENGTH_BASE: [u16; 29] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
        131, 163, 195, 227, 258,
    ];
    const LENGTH_EXTRA: [u8; 29] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ];
    const DIST_BASE: [u16; 30] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
        2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ];
    const DIST_EXTRA: [u8; 30] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12,
        13, 13,
    ];
    const CODE_LENGTH_ORDER: [usize; 19] = [
        16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
    ];

    struct Bits<'a> {
        data: &'a [u8],
        pos: usize,
        buffer: u64,
        count: u32,
    }

    impl Bits<'_> {
        fn bits(&mut self, n: u32) -> u32 {
            while self.count < n {
                let byte = *self.data.get(self.pos).expect("deflate data ends early");
                self.pos += 1;
                self.buffer |= u64::from(byte) << self.count;
                self.count += 8;
            }
            let value = (self.buffer & ((1u64 << n) - 1)) as u32;
            self.buffer >>= n;
            self.count -= n;
            value
        }
    }

    /// A canonical Huffman code: how many codes of each length, and the symbols in order.
    struct Huffman {
        count: [u16; 16],
        symbol: Vec<u16>,
    }

    impl Huffman {
        fn new(lengths: &[u8]) -> Self {
            let mut count = [0u16; 16];
            for &length in lengths {
                count[usize::from(length)] += 1;
            }
            count[0] = 0;
            let mut offsets = [0u16; 16];
            for length in 1..15 {
                offsets[length + 1] = offsets[length] + count[length];
            }
            let mut symbol = vec![0u16; lengths.len()];
            for (s, &length) in lengths.iter().enumerate() {
                if length != 0 {
                    let at = &mut offsets[usize::from(length)];
                    symbol[usize::from(*at)] = s as u16;
                    *at += 1;
                }
            }
            Huffman { count, symbol }
        }

        fn decode(&self, bits: &mut Bits<'_>) -> u16 {
            let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
            for length in 1..16 {
                code |= bits.bits(1) as i32;
                let count = i32::from(self.count[length]);
                if code - count < first {
                    return self.symbol[(index + (code - first)) as usize];
                }
                index += count;
                first += count;
                first <<= 1;
                code <<= 1;
            }
            panic!("bad Huffman code");
        }
    }

    pub(crate) fn inflate(data: &[u8]) -> Vec<u8> {
        let mut bits = Bits {
            data,
            pos: 0,
            buffer: 0,
            count: 0,
        };
        let mut out = Vec::new();
        loop {
            let last = bits.bits(1) == 1;
            match bits.bits(2) {
                0 => {
                    bits.buffer = 0;
                    bits.count = 0;
                    let at = bits.pos;
                    let len = usize::from(u16::from_le_bytes([data[at], data[at + 1]]));
                    out.extend_from_slice(&data[at + 4..at + 4 + len]);
                    bits.pos = at + 4 + len;
                }
                1 => {
                    let mut lengths = [0u8; 288];
                    lengths[..144].fill(8);
                    lengths[144..256].fill(9);
                    lengths[256..280].fill(7);
                    lengths[280..].fill(8);
                    let literals = Huffman::new(&lengths);
                    let distances = Huffman::new(&[5u8; 30]);
                    codes(&mut bits, &mut out, &literals, &distances);
                }
                2 => {
                    let literal_count = bits.bits(5) as usize + 257;
                    let distance_count = bits.bits(5) as usize + 1;
                    let code_count = bits.bits(4) as usize + 4;
                    let mut code_lengths = [0u8; 19];
                    for &at in &CODE_LENGTH_ORDER[..code_count] {
                        code_lengths[at] = bits.bits(3) as u8;
                    }
                    let code_lengths = Huffman::new(&code_lengths);
                    let mut lengths = Vec::with_capacity(literal_count + distance_count);
                    while lengths.len() < literal_count + distance_count {
                        match code_lengths.decode(&mut bits) {
                            symbol @ 0..=15 => lengths.push(symbol as u8),
                            16 => {
                                let previous = *lengths.last().expect("a length to repeat");
                                let times = 3 + bits.bits(2);
                                lengths.extend((0..times).map(|_| previous));
                            }
                            17 => {
                                let times = 3 + bits.bits(3);
                                lengths.extend((0..times).map(|_| 0));
                            }
                            _ => {
                                let times = 11 + bits.bits(7);
                                lengths.extend((0..times).map(|_| 0));
                            }
                        }
                    }
                    let literals = Huffman::new(&lengths[..literal_count]);
                    let distances = Huffman::new(&lengths[literal_count..]);
                    codes(&mut bits, &mut out, &literals, &distances);
                }
                _ => panic!("bad deflate block type"),
            }
            if last {
                return out;
            }
        }
    }

    fn codes(bits: &mut Bits<'_>, out: &mut Vec<u8>, literals: &Huffman, distances: &Huffman) {
        loop {
            let symbol = usize::from(literals.decode(bits));
            match symbol {
                0..=255 => out.push(symbol as u8),
                256 => return,
                _ => {
                    let at = symbol - 257;
                    let length = usize::from(LENGTH_BASE[at])
                        + bits.bits(u32::from(LENGTH_EXTRA[at])) as usize;
                    let at = usize::from(distances.decode(bits));
                    let distance =
                        usize::from(DIST_BASE[at]) + bits.bits(u32::from(DIST_EXTRA[at])) as usize;
                    let start = out.len() - distance;
                    for i in 0..length {
                        out.push(out[start + i]);
                    }
                }
            }
        }
    }
}

/// Just enough of ELF to read what an executable needs from its shared libraries.
mod elf {
    use super::{u16_at, u32_at, u64_at};

    const EM_X86_64: usize = 62;
    const SHT_GNU_VERNEED: u32 = 0x6fff_fffe;

    fn c_string(bytes: &[u8], at: usize) -> String {
        let end = bytes[at..].iter().position(|&b| b == 0).expect("NUL") + at;
        String::from_utf8_lossy(&bytes[at..end]).into_owned()
    }

    /// Asserts a 64-bit little-endian x86-64 executable, and returns its version needs as
    /// (library, version): `("libc.so.6", "GLIBC_2.28")`.
    pub(crate) fn glibc_needs(elf: &[u8]) -> Vec<(String, String)> {
        assert_eq!(&elf[..4], b"\x7fELF", "an ELF file");
        assert_eq!(elf[4], 2, "64-bit ELF");
        assert_eq!(elf[5], 1, "little-endian ELF");
        assert_eq!(u16_at(elf, 18), EM_X86_64, "x86-64 ELF");
        let sections = u64_at(elf, 0x28) as usize;
        let entry_size = u16_at(elf, 0x3a);
        let count = u16_at(elf, 0x3c);
        let section = |i: usize| sections + i * entry_size;
        let verneed = (0..count)
            .map(section)
            .find(|&at| u32_at(elf, at + 4) == SHT_GNU_VERNEED)
            .expect("a .gnu.version_r section: dynamically linked");
        let strings = u64_at(elf, section(u32_at(elf, verneed + 0x28) as usize) + 0x18) as usize;
        let mut needs = Vec::new();
        let mut at = u64_at(elf, verneed + 0x18) as usize;
        for _ in 0..u32_at(elf, verneed + 0x2c) {
            let file = c_string(elf, strings + u32_at(elf, at + 4) as usize);
            let mut aux = at + u32_at(elf, at + 8) as usize;
            for _ in 0..u16_at(elf, at + 2) {
                let name = c_string(elf, strings + u32_at(elf, aux + 8) as usize);
                needs.push((file.clone(), name));
                aux += u32_at(elf, aux + 12) as usize;
            }
            at += u32_at(elf, at + 12) as usize;
        }
        needs
    }
}

/// Runs the packaged `bootstrap` twice: as `runtime-api` on a free loopback port with one API
/// event for `greet`, and as Lambda starts it, pointed at that port; the served response is a
/// 200 greeting.
fn answers_through_the_runtime_api(binary: &[u8]) {
    use std::io::Read;
    use std::os::unix::fs::PermissionsExt;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("packaged-bootstrap");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bootstrap = dir.join("bootstrap");
    std::fs::write(&bootstrap, binary).expect("write bootstrap");
    std::fs::set_permissions(&bootstrap, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let event = workspace().join("tests/events/apigw-hello.json");
    let mut api = Command::new(&bootstrap)
        .args([
            "runtime-api",
            "--port",
            &port.to_string(),
            "--handler",
            "greet",
            "--timeout",
            "60",
        ])
        .arg("--event")
        .arg(&event)
        .env_remove("_HANDLER")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start runtime-api");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "runtime-api did not listen"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut function = Command::new(&bootstrap)
        .env("AWS_LAMBDA_RUNTIME_API", format!("127.0.0.1:{port}"))
        .env("_HANDLER", "greet")
        .env("AWS_LAMBDA_FUNCTION_NAME", "HelloStack-greet")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the bootstrap");
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = api.try_wait().expect("runtime-api status") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = api.kill();
            break api.wait().expect("runtime-api stopped");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let _ = function.kill();
    let _ = function.wait();
    let mut stdout = String::new();
    let mut stderr = String::new();
    if let Some(mut out) = api.stdout.take() {
        let _ = out.read_to_string(&mut stdout);
    }
    if let Some(mut err) = api.stderr.take() {
        let _ = err.read_to_string(&mut stderr);
    }
    assert!(status.success(), "runtime-api failed: {stderr}");
    let response: Value = stdout
        .lines()
        .find_map(|l| serde_json::from_str(l).ok())
        .unwrap_or_else(|| panic!("no JSON response from the bootstrap: {stdout}{stderr}"));
    assert_eq!(response["statusCode"], 200, "{response}");
    assert!(
        response["body"]
            .as_str()
            .unwrap_or_default()
            .contains("hello, Ada"),
        "{response}"
    );
}
