//! Small numbers in a report leave the organisation: "2 Tigrinya-speaking families helped
//! with the Jugendamt" can name a family in a small town. Every count from 1 to 4 is shown as
//! "< 5" (primary suppression); where a row's or a column's total would let a reader work out
//! a hidden cell – it is the only hidden one in that line – the next smallest shown cell of
//! the line is hidden too (secondary suppression), until no line has a single hidden cell.
//! Zero stays zero: "nobody" gives no one away.

/// Counts from 1 up to this are hidden.
pub const HIDDEN_UP_TO: usize = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Count(usize),
    /// Shown as "< 5".
    Hidden,
}

impl Shown {
    fn of(count: usize) -> Shown {
        if (1..=HIDDEN_UP_TO).contains(&count) {
            Shown::Hidden
        } else {
            Shown::Count(count)
        }
    }
}

/// A table of counts with its row and column totals, as a report prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeTable {
    pub cells: Vec<Vec<Shown>>,
    pub row_totals: Vec<Shown>,
    pub column_totals: Vec<Shown>,
    pub total: Shown,
}

/// `counts[row][column]` made safe to publish.
pub fn suppress(counts: &[Vec<usize>]) -> SafeTable {
    let rows = counts.len();
    let columns = counts.iter().map(Vec::len).max().unwrap_or(0);
    // The table with its totals: row totals in column `columns`, column totals in row `rows`,
    // the grand total in the corner. Every row and every column of it, totals included, is a
    // line whose last entry is the sum of the others.
    let mut full = vec![vec![0usize; columns + 1]; rows + 1];
    for (r, row) in counts.iter().enumerate() {
        for (c, n) in row.iter().enumerate() {
            full[r][c] = *n;
            full[r][columns] += n;
            full[rows][c] += n;
            full[rows][columns] += n;
        }
    }
    let mut hidden: Vec<Vec<bool>> = full
        .iter()
        .map(|row| row.iter().map(|n| Shown::of(*n) == Shown::Hidden).collect())
        .collect();
    // And the whole table: all its cells add up to the grand total.
    let everything: Vec<(usize, usize)> = (0..rows)
        .flat_map(|r| (0..columns).map(move |c| (r, c)))
        .chain([(rows, columns)])
        .collect();
    let lines: Vec<Vec<(usize, usize)>> = (0..=rows)
        .map(|r| (0..=columns).map(|c| (r, c)).collect())
        .chain((0..=columns).map(|c| (0..=rows).map(|r| (r, c)).collect()))
        .chain([everything])
        .collect();
    // Until a whole pass hides nothing more (each pass hides at least one cell, so it ends).
    loop {
        let mut changed = false;
        for line in &lines {
            changed |= protect(line, &full, &mut hidden);
        }
        if !changed {
            break;
        }
    }
    let shown = |r: usize, c: usize| {
        if hidden[r][c] {
            Shown::Hidden
        } else {
            Shown::Count(full[r][c])
        }
    };
    SafeTable {
        cells: (0..rows)
            .map(|r| (0..columns).map(|c| shown(r, c)).collect())
            .collect(),
        row_totals: (0..rows).map(|r| shown(r, columns)).collect(),
        column_totals: (0..columns).map(|c| shown(rows, c)).collect(),
        total: shown(rows, columns),
    }
}

/// In a line whose last entry (its total) is shown, exactly one hidden entry could be worked
/// out: hide the smallest shown non-zero entry besides it, or – when only zeros are left – the
/// total. True if it hid something.
fn protect(line: &[(usize, usize)], full: &[Vec<usize>], hidden: &mut [Vec<bool>]) -> bool {
    let Some((&(tr, tc), parts)) = line.split_last() else {
        return false;
    };
    if hidden[tr][tc] || parts.iter().filter(|(r, c)| hidden[*r][*c]).count() != 1 {
        return false;
    }
    let next = parts
        .iter()
        .filter(|(r, c)| !hidden[*r][*c] && full[*r][*c] > 0)
        .min_by_key(|(r, c)| full[*r][*c]);
    let (r, c) = next.copied().unwrap_or((tr, tc));
    hidden[r][c] = true;
    true
}

#[cfg(test)]
mod tests {
    use super::Shown::{Count, Hidden};
    use super::*;

    #[test]
    fn one_to_four_are_hidden_zero_and_five_are_not() {
        let table = suppress(&[vec![0, 1, 4, 5, 20]]);
        // Two hidden in the row: the total 30 does not reveal either.
        assert_eq!(
            table.cells[0],
            vec![Count(0), Hidden, Hidden, Count(5), Count(20)]
        );
        assert_eq!(table.row_totals, vec![Count(30)]);
        assert_eq!(
            table.column_totals,
            vec![Count(0), Hidden, Hidden, Count(5), Count(20)]
        );
    }

    #[test]
    fn a_single_hidden_cell_in_a_line_takes_the_next_smallest_with_it() {
        // Row 0: 3 hidden alone; the total 3 + 7 + 12 = 22 would give it away.
        let table = suppress(&[vec![3, 7, 12], vec![6, 8, 9]]);
        assert_eq!(table.cells[0], vec![Hidden, Hidden, Count(12)]);
        // Then column 0 (3 and 6, total 9) and column 1 (7 and 8, total 15) each have one
        // hidden cell: the 6 and the 8 go too – and row 1 then has two hidden.
        assert_eq!(table.cells[1], vec![Hidden, Hidden, Count(9)]);
        assert_eq!(table.total, Count(45));
        assert_safe(&table);
    }

    #[test]
    fn totals_are_lines_too() {
        // Column 0 (3 and 10, total 13) hides the 10. The row totals (3 hidden, 20) with the
        // grand total 23 would give the 3 away: the 20 is hidden too. What is left – a + b = 13
        // – no longer tells a from b.
        let table = suppress(&[vec![3, 0], vec![10, 10]]);
        assert_eq!(
            table.cells,
            vec![vec![Hidden, Count(0)], vec![Hidden, Count(10)]]
        );
        assert_eq!(table.row_totals, vec![Hidden, Hidden]);
        assert_eq!(table.column_totals, vec![Count(13), Count(10)]);
        assert_safe(&table);
    }

    #[test]
    fn the_grand_total_gives_nothing_away_either() {
        // 3 alone among zeros and a 7: the grand total 10 minus the shown 7 would be the 3, so
        // the 7 is hidden with it.
        let table = suppress(&[vec![3, 0], vec![0, 7]]);
        assert_eq!(
            table.cells,
            vec![vec![Hidden, Count(0)], vec![Count(0), Hidden]]
        );
        assert_eq!(table.total, Count(10));
        assert_safe(&table);
    }

    /// No row or column – totals included – has exactly one hidden entry next to a shown total.
    fn assert_safe(table: &SafeTable) {
        let rows = table.cells.len();
        let columns = table.column_totals.len();
        let at = |r: usize, c: usize| match (r == rows, c == columns) {
            (false, false) => table.cells[r][c],
            (false, true) => table.row_totals[r],
            (true, false) => table.column_totals[c],
            (true, true) => table.total,
        };
        for r in 0..=rows {
            let hidden = (0..columns).filter(|c| at(r, *c) == Hidden).count();
            assert!(hidden != 1 || at(r, columns) == Hidden, "row {r}");
        }
        for c in 0..=columns {
            let hidden = (0..rows).filter(|r| at(*r, c) == Hidden).count();
            assert!(hidden != 1 || at(rows, c) == Hidden, "column {c}");
        }
    }

    #[test]
    fn no_line_is_left_with_exactly_one_hidden_cell_and_a_shown_total() {
        let counts = vec![
            vec![1, 9, 30, 6],
            vec![12, 2, 7, 40],
            vec![5, 5, 5, 5],
            vec![0, 0, 3, 8],
        ];
        let table = suppress(&counts);
        assert_safe(&table);
        // Every count from 1 to 4 is hidden.
        for (r, row) in counts.iter().enumerate() {
            for (c, n) in row.iter().enumerate() {
                if (1..=4).contains(n) {
                    assert_eq!(table.cells[r][c], Hidden);
                }
            }
        }
    }
}
