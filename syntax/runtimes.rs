//! Lambda managed runtimes and their lifecycle dates.
//!
//! Source: AWS Lambda Developer Guide, "Lambda runtimes" (supported and deprecated runtimes).
//! Dates are `(year, month, day)`; `None` where AWS has not announced one.

/// One managed runtime identifier as written in `AWS::Lambda::Function` `Runtime`.
pub struct Runtime {
    pub id: &'static str,
    /// The day AWS stops applying security patches and marks the runtime deprecated.
    pub deprecated: Option<(u16, u8, u8)>,
    /// The day AWS blocks creating new functions on the runtime.
    pub create_blocked: Option<(u16, u8, u8)>,
    /// What to move to.
    pub successor: &'static str,
}

const fn rt(
    id: &'static str,
    deprecated: (u16, u8, u8),
    create_blocked: (u16, u8, u8),
    successor: &'static str,
) -> Runtime {
    Runtime {
        id,
        deprecated: Some(deprecated),
        create_blocked: Some(create_blocked),
        successor,
    }
}

/// Every runtime the DSL knows, current and past, so that an old one gets a precise message.
pub const RUNTIMES: &[Runtime] = &[
    rt("nodejs24.x", (2028, 4, 30), (2028, 6, 1), "nodejs24.x"),
    rt("nodejs22.x", (2027, 4, 30), (2027, 6, 1), "nodejs24.x"),
    rt("nodejs20.x", (2026, 4, 30), (2027, 2, 1), "nodejs24.x"),
    rt("nodejs18.x", (2025, 9, 1), (2027, 2, 1), "nodejs24.x"),
    rt("nodejs16.x", (2024, 6, 12), (2027, 2, 1), "nodejs24.x"),
    rt("nodejs14.x", (2023, 12, 4), (2024, 1, 9), "nodejs24.x"),
    rt("nodejs12.x", (2023, 3, 31), (2023, 3, 31), "nodejs24.x"),
    rt("nodejs10.x", (2021, 7, 30), (2021, 7, 30), "nodejs24.x"),
    rt("python3.14", (2029, 6, 30), (2029, 7, 31), "python3.14"),
    rt("python3.13", (2029, 6, 30), (2029, 7, 31), "python3.14"),
    rt("python3.12", (2028, 10, 31), (2028, 11, 30), "python3.14"),
    rt("python3.11", (2027, 6, 30), (2027, 7, 31), "python3.14"),
    rt("python3.10", (2026, 10, 31), (2027, 2, 1), "python3.14"),
    rt("python3.9", (2025, 12, 15), (2027, 2, 1), "python3.14"),
    rt("python3.8", (2024, 10, 14), (2027, 2, 1), "python3.14"),
    rt("python3.7", (2023, 12, 4), (2024, 1, 9), "python3.14"),
    rt("java25", (2029, 6, 30), (2029, 7, 31), "java25"),
    rt("java21", (2029, 6, 30), (2029, 7, 31), "java25"),
    rt("java17", (2027, 6, 30), (2027, 7, 31), "java25"),
    rt("java11", (2027, 6, 30), (2027, 7, 31), "java25"),
    rt("java8.al2", (2027, 6, 30), (2027, 7, 31), "java25"),
    rt("java8", (2024, 1, 8), (2024, 2, 8), "java25"),
    rt("dotnet10", (2028, 11, 14), (2028, 12, 14), "dotnet10"),
    rt("dotnet8", (2026, 11, 10), (2027, 2, 1), "dotnet10"),
    rt("dotnet6", (2024, 12, 20), (2027, 2, 1), "dotnet10"),
    rt("ruby4.0", (2029, 3, 31), (2029, 4, 30), "ruby4.0"),
    rt("ruby3.4", (2028, 3, 31), (2028, 4, 30), "ruby4.0"),
    rt("ruby3.3", (2027, 3, 31), (2027, 4, 30), "ruby4.0"),
    rt("ruby3.2", (2026, 3, 31), (2027, 2, 1), "ruby4.0"),
    rt("ruby2.7", (2023, 12, 7), (2024, 1, 9), "ruby4.0"),
    rt(
        "provided.al2023",
        (2029, 6, 30),
        (2029, 7, 31),
        "provided.al2023",
    ),
    rt(
        "provided.al2",
        (2026, 7, 31),
        (2027, 2, 1),
        "provided.al2023",
    ),
    rt("provided", (2024, 1, 8), (2024, 2, 8), "provided.al2023"),
    rt("go1.x", (2024, 1, 8), (2024, 2, 8), "provided.al2023"),
];

/// Where a runtime stands on a given day.
#[derive(Debug, PartialEq, Eq)]
pub enum Lifecycle {
    Supported,
    Deprecated,
    CreateBlocked,
}

impl Runtime {
    /// The runtime's lifecycle stage on `today`, given as `(year, month, day)`.
    pub fn lifecycle(&self, today: (u16, u8, u8)) -> Lifecycle {
        if self.create_blocked.is_some_and(|d| d <= today) {
            Lifecycle::CreateBlocked
        } else if self.deprecated.is_some_and(|d| d <= today) {
            Lifecycle::Deprecated
        } else {
            Lifecycle::Supported
        }
    }
}

/// Looks a runtime identifier up.
pub fn find(id: &str) -> Option<&'static Runtime> {
    RUNTIMES.iter().find(|r| r.id == id)
}

/// Today's date in UTC, from `SOURCE_DATE_EPOCH` when set (reproducible builds) or the clock.
pub fn today() -> (u16, u8, u8) {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    civil_from_days(secs / 86_400)
}

/// Converts days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u16, u8, u8) {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year as u16, month as u8, day as u8)
}

/// Days from `from` to `to`, negative when `to` is earlier.
pub fn days_between(from: (u16, u8, u8), to: (u16, u8, u8)) -> i64 {
    days_from_civil(to) - days_from_civil(from)
}

/// Days since 1970-01-01 of a calendar date (Howard Hinnant's algorithm).
fn days_from_civil((y, m, d): (u16, u8, u8)) -> i64 {
    let (m, d) = (i64::from(m), i64::from(d));
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `2024-01-09` style.
pub fn format_date((y, m, d): (u16, u8, u8)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_791), (2026, 12, 4));
        assert_eq!(days_from_civil((2026, 12, 4)), 20_791);
        assert_eq!(days_between((2026, 12, 4), (2027, 4, 30)), 147);
    }

    #[test]
    fn lifecycle_stages() {
        let node14 = find("nodejs14.x").map(|r| r.lifecycle((2026, 12, 4)));
        assert_eq!(node14, Some(Lifecycle::CreateBlocked));
        let node20 = find("nodejs20.x").map(|r| r.lifecycle((2026, 12, 4)));
        assert_eq!(node20, Some(Lifecycle::Deprecated));
        let node24 = find("nodejs24.x").map(|r| r.lifecycle((2026, 12, 4)));
        assert_eq!(node24, Some(Lifecycle::Supported));
    }
}
