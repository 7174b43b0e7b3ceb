package dev.ductus.data.text;

import dev.ductus.api.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The texts the lines are cut from: one document per Moby-Dick chapter and per State of the Union address. */
public final class Corpus {
    /** A named document of running text. */
    public record Document(String name, String text) {
    }

    private Corpus() {
    }

    /** Every {@code data/*.txt} of the extracted packages, in file-name order, named {@code package/file}. */
    public static List<Document> load(List<Path> packageFolders) {
        List<Document> documents = new ArrayList<>();
        for (Path pkg : packageFolders) {
            Path data = pkg.resolve("data");
            if (!Files.isDirectory(data)) throw new InputException(pkg.toString(), "no data/ folder of texts");
            try (Stream<Path> files = Files.list(data)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                    String name = pkg.getParent().getFileName() + "/" + f.getFileName();
                    documents.add(new Document(name, Files.readString(f, StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new InputException(data.toString(), "cannot read texts: " + e.getMessage(), e);
            }
        }
        if (documents.isEmpty()) throw new InputException(packageFolders.toString(), "no texts found");
        return documents;
    }
}
