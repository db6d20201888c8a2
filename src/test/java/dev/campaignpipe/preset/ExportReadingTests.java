package dev.campaignpipe.preset;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How an export's text is read (SPEC §14): its encoding, its numbers and its dates, each
 * decided once per file; and what kind each line is.
 */
class ExportReadingTests {

	@Test
	void theEncodingComesFromTheByteOrderMarkOrTheBytesThemselves() {
		assertThat(TextEncoding.of(bytes("\uFEFFDay,Cost", StandardCharsets.UTF_8), true))
			.isEqualTo(new TextEncoding(StandardCharsets.UTF_8, 3));
		assertThat(TextEncoding.of(bytes("\uFEFFDay\tCost", StandardCharsets.UTF_16LE), true))
			.isEqualTo(new TextEncoding(StandardCharsets.UTF_16LE, 2));
		assertThat(TextEncoding.of(bytes("\uFEFFDay\tCost", StandardCharsets.UTF_16BE), true))
			.isEqualTo(new TextEncoding(StandardCharsets.UTF_16BE, 2));
		// UTF-16 without a BOM: every other byte is zero
		assertThat(TextEncoding.of(bytes("Day\tCost\r\n", StandardCharsets.UTF_16LE), true).charset())
			.isEqualTo(StandardCharsets.UTF_16LE);
		assertThat(TextEncoding.of(bytes("Day\tCost\r\n", StandardCharsets.UTF_16BE), true).charset())
			.isEqualTo(StandardCharsets.UTF_16BE);
		assertThat(TextEncoding.of(bytes("Café,Zürich", StandardCharsets.UTF_8), true).charset())
			.isEqualTo(StandardCharsets.UTF_8);
		// Excel's "CSV" in a western locale: é is one byte, not valid UTF-8
		assertThat(TextEncoding.of(bytes("Café,Zürich", Charset.forName("windows-1252")), true).charset())
			.isEqualTo(TextEncoding.WINDOWS_1252);
	}

	@Test
	void aSampleCutInsideACharacterIsStillUtf8() {
		byte[] text = bytes("ab€", StandardCharsets.UTF_8); // € is three bytes
		byte[] cut = java.util.Arrays.copyOf(text, text.length - 1);
		assertThat(TextEncoding.of(cut, false).charset()).isEqualTo(StandardCharsets.UTF_8);
		assertThat(TextEncoding.of(cut, true).charset()).isEqualTo(TextEncoding.WINDOWS_1252);
	}

	@Test
	void numbersAreReadWithTheDecimalMarkMostOfTheFileShows() {
		assertThat(DecimalMark.decide(List.of("4,210", "92.35", "1,312.50"))).isEqualTo(DecimalMark.POINT);
		assertThat(DecimalMark.decide(List.of("4.210", "92,35", "1.312,50"))).isEqualTo(DecimalMark.COMMA);
		assertThat(DecimalMark.decide(List.of("1 312,50 €", "7,5"))).isEqualTo(DecimalMark.COMMA);
		// only numbers that could be either: a decimal point, as most exports write
		assertThat(DecimalMark.decide(List.of("1,234", "5.678", "12"))).isEqualTo(DecimalMark.POINT);

		assertThat(DecimalMark.POINT.parse("1,312.50")).isEqualByComparingTo("1312.50");
		assertThat(DecimalMark.POINT.parse("US$1,234.5")).isEqualByComparingTo("1234.5");
		assertThat(DecimalMark.POINT.parse("4.47%")).isEqualByComparingTo("0.0447");
		assertThat(DecimalMark.COMMA.parse("1.312,50")).isEqualByComparingTo("1312.50");
		assertThat(DecimalMark.COMMA.parse("1 312,50 €")).isEqualByComparingTo("1312.50");
		assertThat(DecimalMark.COMMA.parse("1\u00a0312,5")).isEqualByComparingTo("1312.5");
		for (String none : List.of("", " ", "--", "-", "n/a")) {
			assertThat(DecimalMark.POINT.parse(none)).as(none).isNull();
		}
		assertThatThrownBy(() -> DecimalMark.POINT.parse("twelve")).isInstanceOf(NumberFormatException.class)
			.hasMessage("'twelve' is not a number");
		assertThatThrownBy(() -> DecimalMark.POINT.parse("1.2.3")).hasMessage("'1.2.3' is not a number");
		assertThat(DecimalMark.POINT.parse("-12.5")).isEqualTo(new BigDecimal("-12.5"));
	}

	@Test
	void datesAreReadInTheOrderTheWholeFileProvesElseThePresetsOrder() {
		DateFormat monthFirst = DateFormat.decide(List.of("06/02/2025", "06/03/2025"),
				PresetSettings.DateOrder.MONTH_FIRST);
		assertThat(monthFirst.parse("06/02/2025")).isEqualTo(LocalDate.of(2025, 6, 2));
		DateFormat proven = DateFormat.decide(List.of("06/02/2025", "13/02/2025"),
				PresetSettings.DateOrder.MONTH_FIRST);
		assertThat(proven.order()).isEqualTo(PresetSettings.DateOrder.DAY_FIRST);
		assertThat(proven.parse("06/02/2025")).as("never decided per row").isEqualTo(LocalDate.of(2025, 2, 6));
		assertThat(DateFormat.decide(List.of("02/13/2025"), PresetSettings.DateOrder.DAY_FIRST).order())
			.isEqualTo(PresetSettings.DateOrder.MONTH_FIRST);
		assertThatThrownBy(
				() -> DateFormat.decide(List.of("13/01/2025", "01/13/2025"), PresetSettings.DateOrder.MONTH_FIRST))
			.isInstanceOf(UnreadableExportException.class)
			.hasMessageContaining("both day-first and month-first");

		DateFormat any = new DateFormat(PresetSettings.DateOrder.MONTH_FIRST);
		assertThat(any.parse("2025-03-03")).isEqualTo(LocalDate.of(2025, 3, 3));
		assertThat(any.parse("2025-03-03 00:00:00")).isEqualTo(LocalDate.of(2025, 3, 3));
		assertThat(any.parse("March 3, 2025")).isEqualTo(LocalDate.of(2025, 3, 3));
		assertThat(any.parse("1 April 2025")).isEqualTo(LocalDate.of(2025, 4, 1));
		assertThat(any.parse("Mar 3, 2025")).isEqualTo(LocalDate.of(2025, 3, 3));
		assertThat(any.parse("31/02/2025")).isNull();
		assertThat(any.parse("yesterday")).isNull();
	}

	@Test
	void aTitleGivesADateOnlyWhenItNamesASingleDay() {
		DateFormat format = new DateFormat(PresetSettings.DateOrder.MONTH_FIRST);
		assertThat(format.singleDay("March 3, 2025 - March 3, 2025")).isEqualTo(LocalDate.of(2025, 3, 3));
		assertThat(format.singleDay("Report Time: 6/2/2025, 6/2/2025")).isEqualTo(LocalDate.of(2025, 6, 2));
		assertThat(format.singleDay("Report Time: 6/2/2025")).isEqualTo(LocalDate.of(2025, 6, 2));
		assertThat(format.singleDay("March 3, 2025 - March 4, 2025")).isNull();
		assertThat(format.singleDay("Report Time: 6/2/2025, 6/3/2025")).isNull();
		assertThat(format.singleDay("Campaign report")).isNull();
		assertThat(format.singleDay("Last Completed Available Day: 6/4/2025 4:10:00 AM (GMT)")).isNull();
	}

	@Test
	void eachLineBelowTheHeaderIsDataOrAKindOfLineThatIsSkipped() {
		int width = 5;
		int campaign = 1;
		assertThat(LineKind.below(List.of("2025-03-03", "Spring", "Search", "10", "1"), width, campaign))
			.isEqualTo(LineKind.DATA);
		assertThat(LineKind.below(List.of("", "", "", "", ""), width, campaign)).isEqualTo(LineKind.BLANK);
		assertThat(LineKind.below(List.of(""), width, campaign)).isEqualTo(LineKind.BLANK);
		assertThat(LineKind.below(List.of("Total: Account", "", "", "10", "1"), width, campaign))
			.isEqualTo(LineKind.TOTAL);
		assertThat(LineKind.below(List.of("2025-05-05", "", "0", "279257", "1609.29"), width, campaign))
			.as("Meta's summary row: no campaign")
			.isEqualTo(LineKind.TOTAL);
		assertThat(LineKind.below(List.of("©2025 Microsoft Corporation. All rights reserved. "), width, campaign))
			.isEqualTo(LineKind.FOOTER);
		for (String total : List.of("Total", "Totals", "Grand total", "Total: Search", "TOTAL:")) {
			assertThat(LineKind.below(List.of(total, "x", "", "10", "1"), width, campaign)).as(total)
				.isEqualTo(LineKind.TOTAL);
		}
		for (String name : List.of("Total Wine - Search", "TotalEnergies", "Totally Outdoors")) {
			assertThat(LineKind.below(List.of(name, "Spring", "Search", "10", "1"), width, campaign)).as(name)
				.isEqualTo(LineKind.DATA);
		}
	}

	private static byte[] bytes(String text, Charset charset) {
		return text.getBytes(charset);
	}

}
