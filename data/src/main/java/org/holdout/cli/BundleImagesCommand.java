package org.holdout.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.holdout.bundle.BundleContents;
import org.holdout.bundle.ImageFolders;
import org.holdout.bundle.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code holdout bundle images}: a bundle from folders of PNG/JPEG images. */
@Command(name = "images", mixinStandardHelpOptions = true,
        description = "Build a bundle from image folders: ROOT/train/normal/, ROOT/test/normal/, ROOT/test/abnormal/.")
class BundleImagesCommand extends BundleBuildCommand {

    @Option(names = "--root", required = true, paramLabel = "DIR", description = "Folder holding train/ and test/.")
    Path root;

    @Option(names = "--size", paramLabel = "HxW", description = "Resize every image to H×W (default: the first training image's size).")
    String size;

    @Option(names = "--channels", paramLabel = "1|3", description = "1 (grayscale) or 3 (RGB) (default: as the first training image).")
    int channels;

    @Override
    BundleContents build(Progress progress) throws IOException {
        int h = 0;
        int w = 0;
        if (size != null) {
            String[] hw = size.toLowerCase(Locale.ROOT).split("[x×]");
            try {
                h = Integer.parseInt(hw[0].strip());
                w = Integer.parseInt(hw[1].strip());
            } catch (RuntimeException e) {
                throw new ParameterException(spec.commandLine(), "--size must be HxW, e.g. 64x64, got '" + size + "'");
            }
            if (hw.length != 2 || h <= 0 || w <= 0) {
                throw new ParameterException(spec.commandLine(), "--size must be HxW with H, W > 0, got '" + size + "'");
            }
        }
        return ImageFolders.build(new ImageFolders.Options(root, h, w, channels, seed, publicFraction, name), progress);
    }

    @Override
    String task() {
        return "images";
    }
}
