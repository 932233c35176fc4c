package dev.scratchnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.runtime.testing.Fifos;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files into datasets: what is read, and every malformed case with the message that names where. */
class CsvTest {
    private static final CsvOptions BY_LABEL = CsvOptions.builder().label("class").build();

    private static Csv.Table read(String text, CsvOptions options) {
        return Csv.read("data.csv", new StringReader(text), options);
    }

    private static String refused(String text, CsvOptions options) {
        return assertThrows(CsvFormatException.class, () -> read(text, options)).getMessage();
    }

    @Test
    void aHeaderedFileGivesAClassificationDatasetOfTheOtherColumns() {
        Csv.Table table = read("a,class,b\n1.5,0,-2\n\n3,2,4e-1\n", BY_LABEL);
        Dataset data = table.dataset();
        assertTrue(data.isClassification());
        assertEquals(2, data.getSize());
        assertEquals(3, data.getClasses(), "one more than the largest label");
        assertArrayEquals(new double[] {1.5, -2, 3, 0.4}, data.getX());
        assertArrayEquals(new int[] {0, 2}, data.getLabels());
        assertEquals(List.of("a", "b"), table.features());
        assertEquals(List.of("class"), table.targets());
    }

    @Test
    void targetsMakeARegressionDatasetAndFeaturesCanBeChosenAndOrdered() {
        CsvOptions options = CsvOptions.builder().targets(List.of("y2", "y1")).features(List.of("c", "a")).build();
        Csv.Table table = read("a,b,c,y1,y2\n1,2,3,4,5\n6,7,8,9,10\n", options);
        assertArrayEquals(new double[] {3, 1, 8, 6}, table.dataset().getX());
        assertArrayEquals(new double[] {5, 4, 10, 9}, table.dataset().getTargets());
        assertEquals(List.of("y2", "y1"), table.targets());
    }

    @Test
    void withoutAHeaderColumnsAreNumberedAndTheFirstLineIsARow() {
        CsvOptions options = CsvOptions.builder().header(false).delimiter(';').label("2").build();
        Csv.Table table = read("1;2;1\n3;4;0\n", options);
        assertArrayEquals(new double[] {1, 2, 3, 4}, table.dataset().getX());
        assertArrayEquals(new int[] {1, 0}, table.dataset().getLabels());
        assertEquals(List.of("0", "1"), table.features());
    }

    @Test
    void quotedCellsAndSpacesAroundThemAreRead() {
        Csv.Table table = read("\"x\", \"class\"\n \"2.5\" , 1\n", BY_LABEL);
        assertArrayEquals(new double[] {2.5}, table.dataset().getX());
        assertArrayEquals(new int[] {1}, table.dataset().getLabels());
    }

    @Test
    void aByteOrderMarkBeforeTheFirstCellIsSkipped() {
        assertEquals(List.of("a"), read("\uFEFFa,class\n1,0\n", BY_LABEL).features());
        assertArrayEquals(new double[] {1}, read("\uFEFF1,0\n", CsvOptions.builder().header(false).label("1").build())
                .dataset().getX());
    }

    @Test
    void aGivenNumberOfClassesCoversLabelsAbsentFromTheFile() {
        CsvOptions options = CsvOptions.builder().label("class").classes(5).build();
        assertEquals(5, read("x,class\n1,0\n", options).dataset().getClasses());
        assertEquals("data.csv, line 2, column 1 (class): '5' is not a class; expected a whole number in [0, 5)",
                refused("x,class\n1,5\n", options));
    }

    @Test
    void aCellThatIsNotANumberIsNamedByFileLineAndColumn() {
        assertEquals("data.csv, line 3, column 2 (b): 'abc' is not a number",
                refused("a,class,b\n1,0,2\n3,1,abc\n", BY_LABEL));
        assertEquals("data.csv, line 2, column 0 (a): '0x1p3' is not a number", refused("a,class\n0x1p3,1\n", BY_LABEL));
        assertEquals("data.csv, line 2, column 0 (a): '1.5d' is not a number", refused("a,class\n1.5d,1\n", BY_LABEL));
    }

    @Test
    void blankLinesCountInTheLineNumbers() {
        assertEquals("data.csv, line 5, column 0 (a): 'x' is not a number", refused("a,class\n1,0\n\n\nx,1\n", BY_LABEL));
    }

    @Test
    void aMissingCellIsNamed() {
        assertEquals("data.csv, line 2, column 0 (a): the cell is empty; every feature and target needs a number",
                refused("a,class\n,1\n", BY_LABEL));
        assertEquals("data.csv, line 2, column 1 (class): the label is empty; every row needs its class",
                refused("a,class\n1,\n", BY_LABEL));
    }

    @Test
    void aRaggedRowIsNamed() {
        assertEquals("data.csv, line 3: 3 cells, expected 2 as in the header", refused("a,class\n1,0\n1,0,7\n", BY_LABEL));
        assertEquals("data.csv, line 2: 1 cells, expected 2 as in the first row",
                refused("1,0\n1\n", CsvOptions.builder().header(false).label("1").build()));
    }

    @Test
    void emptyFilesAndHeadersWithoutRowsAreRefused() {
        assertEquals("data.csv: the file is empty; expected a header line, then rows of numbers", refused("", BY_LABEL));
        assertEquals("data.csv: the file is empty; expected a header line, then rows of numbers", refused("\n\n", BY_LABEL));
        assertEquals("data.csv: the header has no rows after it; expected rows of numbers", refused("a,class\n", BY_LABEL));
    }

    @Test
    void unknownAndRepeatedColumnsAreRefusedListingTheColumns() {
        assertEquals("data.csv: no label column named 'label'; the file has columns a, class",
                refused("a,class\n1,0\n", CsvOptions.builder().label("label").build()));
        assertEquals("data.csv: no feature column named 'z'; the file has columns a, b, class",
                refused("a,b,class\n1,2,0\n", CsvOptions.builder().label("class").features(List.of("a", "z")).build()));
        assertEquals("data.csv: no target column named '7'; the file has 2 columns (no header: name them 0, 1, …)",
                refused("1,2\n", CsvOptions.builder().header(false).targets(List.of("7")).build()));
        assertEquals("data.csv, line 1, column 2 (a): the header names column 'a' twice (columns 0 and 2); give each column"
                + " its own name", refused("a,class,a\n1,0,2\n", BY_LABEL));
        assertEquals("data.csv: column 'class' cannot be both a feature and the label",
                refused("a,class\n1,0\n", CsvOptions.builder().label("class").features(List.of("a", "class")).build()));
        assertEquals("data.csv: no feature columns are left; the file has columns class, y, all of them label or targets",
                refused("class,y\n1,0\n", CsvOptions.builder().targets(List.of("class", "y")).build()));
    }

    @Test
    void aLabelThatIsNotAClassIsRefused() {
        for (String label : new String[] {"1.5", "-1", "cat", "1e9"}) {
            String message = refused("a,class\n1,0\n2," + label + "\n", BY_LABEL);
            assertTrue(message.startsWith("data.csv, line 3, column 1 (class): '" + label + "' is not a class; expected a"
                    + " whole number in [0, 10000)"), message);
        }
        assertArrayEquals(new int[] {2}, read("a,class\n1,2.0\n", BY_LABEL).dataset().getLabels(), "2.0 is class 2");
    }

    @Test
    void nanAndInfiniteValuesAreRefused() {
        for (String cell : new String[] {"NaN", "nan", "Infinity", "-inf", "1e999"}) {
            String message = refused("a,class\n" + cell + ",0\n", BY_LABEL);
            assertTrue(message.startsWith("data.csv, line 2, column 0 (a): '" + cell + "' is not a finite number"), message);
        }
    }

    @Test
    void inputRowsToPredictOnAreTheFeatureColumnsAlone(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("new.csv");
        Files.writeString(file, "id,b,a\n7,1,2\n8,3,4\n");
        Csv.Inputs inputs = Csv.readInputs(file, CsvOptions.builder().features(List.of("a", "b")).build());
        assertArrayEquals(new double[] {2, 1, 4, 3}, inputs.rows().getData());
        assertEquals(2, inputs.rows().getRows());
        assertEquals(List.of("a", "b"), inputs.features());
    }

    @Test
    void optionsNeedALabelOrTargetsButNotBoth() {
        assertEquals("data.csv: a CSV dataset needs a label column (classification) or target columns (regression)",
                assertThrows(IllegalArgumentException.class, () -> read("a\n1\n", CsvOptions.builder().build()))
                        .getMessage());
        assertEquals("a CSV dataset has a label column or target columns, not both", assertThrows(
                IllegalArgumentException.class, () -> CsvOptions.builder().label("a").targets(List.of("b")).build())
                .getMessage());
    }

    @Test
    void filesAreNamedInEveryMessage(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rows.csv");
        Files.writeString(file, "a,class\n1,x\n");
        assertTrue(assertThrows(CsvFormatException.class, () -> Csv.read(file, BY_LABEL)).getMessage()
                .startsWith(file + ", line 2, column 1 (class): 'x'"));
        assertEquals(dir.resolve("none.csv") + ": cannot read: no such file", assertThrows(CsvFormatException.class,
                () -> Csv.read(dir.resolve("none.csv"), BY_LABEL)).getMessage());
        assertEquals(dir + ": cannot read: it is a directory, not a regular file",
                assertThrows(CsvFormatException.class, () -> Csv.read(dir, BY_LABEL)).getMessage());
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, new byte[] {'a', ',', 'c', (byte) 0xE9, '\n', '1', ',', '0', '\n'});
        assertEquals(latin1 + ": not UTF-8 text; save the file as UTF-8 CSV",
                assertThrows(CsvFormatException.class, () -> Csv.read(latin1, BY_LABEL)).getMessage());
        assertFalse(Files.exists(dir.resolve("none.csv")));
    }

    /** A named pipe would block the reader until something wrote to it, which may be never: it is refused unopened. */
    @Test
    void aNamedPipeIsRefusedWithoutBeingOpened(@TempDir Path dir) throws IOException, InterruptedException {
        Path fifo = Fifos.mkfifo(dir.resolve("rows.csv"));
        assertEquals(fifo + ": cannot read: it is a named pipe (FIFO), not a regular file",
                assertThrows(CsvFormatException.class, () -> Csv.read(fifo, BY_LABEL)).getMessage());
    }
}
