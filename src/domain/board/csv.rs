//! CSV as German Excel opens it with a double click: UTF-8 with a byte order mark (else
//! umlauts come out garbled), `;` between fields (Excel's separator where the decimal mark is
//! a comma), CRLF line ends, and fields quoted when they hold a separator, a quote or a break.

/// The file for `rows`.
pub fn csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    for row in rows {
        let fields: Vec<String> = row.iter().map(|field| quoted(field)).collect();
        out.push_str(&fields.join(";"));
        out.push_str("\r\n");
    }
    out
}

fn quoted(field: &str) -> String {
    if field.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_gets_a_bom_semicolons_and_quoted_fields() {
        let file = csv(&[
            vec!["Art der Hilfe".into(), "Anzahl".into()],
            vec!["Begleitung zu Ämtern; Terminen".into(), "< 5".into()],
            vec!["Sag \"Hallo\"".into(), "12".into()],
        ]);
        assert!(file.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        assert_eq!(
            file.trim_start_matches('\u{feff}'),
            "Art der Hilfe;Anzahl\r\n\"Begleitung zu Ämtern; Terminen\";< 5\r\n\"Sag \"\"Hallo\"\"\";12\r\n"
        );
    }
}
