package dev.ductus.image.component;

import dev.ductus.api.StageProperties;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.image.io.GrayPngWriter;
import dev.ductus.image.io.ImageFileReader;
import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The {@link ImageLoader} service over {@link ImageFileReader} and {@link GrayPngWriter}; PID {@code dev.ductus.image.loader}. */
@Component(service = ImageLoader.class, configurationPid = "dev.ductus.image.loader",
        property = StageProperties.NAME + "=imageio")
@Designate(ocd = ImageLoaderComponent.Config.class)
public class ImageLoaderComponent implements ImageLoader {
    @ObjectClassDefinition(name = "Ductus image loader",
            description = "Reads PNG, JPEG, BMP, GIF and TIFF (16-bit, multi-page) as grayscale; writes PNG.")
    public @interface Config {
        @AttributeDefinition(name = "Pixel limit", description = "Pages with more pixels (width x height, read from"
                + " the header) are refused before decoding.")
        long max_pixels() default ImageFileReader.DEFAULT_MAX_PIXELS;

        @AttributeDefinition(name = "Pixel budget per file", description = "Files whose pages hold more pixels in all"
                + " (read from the headers) are refused before any page is decoded; never below the pixel limit.")
        long max_file_pixels() default ImageFileReader.DEFAULT_MAX_FILE_PIXELS;
    }

    private volatile ImageFileReader reader = new ImageFileReader();

    @Activate
    @Modified
    public void configure(Config config) {
        reader = new ImageFileReader(config.max_pixels(), config.max_file_pixels());
    }

    @Override
    public List<GrayImage> read(Path file) {
        return reader.read(file);
    }

    @Override
    public void writePng(GrayImage image, Path file) {
        GrayPngWriter.write(image, file);
    }
}
