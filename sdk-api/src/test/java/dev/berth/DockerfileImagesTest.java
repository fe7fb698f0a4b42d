package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.berth.internal.DockerfileImages;
import dev.berth.internal.DockerfileImages.Image;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileImagesTest {

    private static List<String> names(String dockerfile) {
        return names(dockerfile, Map.of());
    }

    private static List<String> names(String dockerfile, Map<String, String> buildArgs) {
        return DockerfileImages.of(dockerfile, buildArgs).stream().map(Image::reference).toList();
    }

    @Test
    void fromCopyFromAndMountFromNameImagesButNotStages() {
        String dockerfile = """
                FROM registry.example:5000/team/base:1 AS build
                RUN --mount=type=cache,target=/c --mount=type=bind,from=tools:2,target=/t make
                FROM build AS test
                COPY --from=build /out /out
                COPY --from=0 /out /out2
                COPY --chmod=0755 --from=helper/bin:3 /bin/tool /tool
                from scratch
                copy --from=TEST /x /x
                """;
        assertEquals(List.of("registry.example:5000/team/base:1", "tools:2", "helper/bin:3"), names(dockerfile));
    }

    @Test
    void globalArgsExpandInFromAndBuildArgsOverrideTheirDefaults() {
        String dockerfile = """
                ARG REGISTRY=registry.example:5000
                ARG TAG
                ARG BASE=${REGISTRY}/base
                FROM $BASE:${TAG:-1} AS one
                FROM ${REGISTRY}/other:${TAG:+t}2
                ARG LATE=ignored
                FROM $UNKNOWN/x
                """;
        assertEquals(List.of("registry.example:5000/base:1", "registry.example:5000/other:2"), names(dockerfile));
        assertEquals(List.of("mirror:1/base:7", "mirror:1/other:t2"),
                names(dockerfile, Map.of("REGISTRY", "mirror:1", "TAG", "7")));
    }

    @Test
    void platformFlagIsKeptWhenItIsAValue() {
        List<Image> images = DockerfileImages.of("""
                FROM --platform=linux/arm64 a:1
                FROM --platform=$BUILDPLATFORM b:1
                FROM c:1
                """, Map.of());
        assertEquals(List.of(new Image("a:1", "linux/arm64"), new Image("b:1", ""), new Image("c:1", "")), images);
    }

    @Test
    void heredocBodiesCommentsAndContinuationsAreReadAsTheFrontendDoes() {
        String dockerfile = """
                # syntax=docker/dockerfile:1
                FROM \\
                  # a comment inside the continuation
                  base:1 \\
                  AS b
                RUN <<EOF
                FROM not-an-image:1
                EOF
                COPY <<-ONE <<"TWO" /dst/
                \tFROM nor-this:1
                \tONE
                FROM nor-that:1
                TWO
                # FROM commented:1
                FROM after:1
                """;
        assertEquals(List.of("base:1", "after:1"), names(dockerfile));
    }

    @Test
    void theEscapeDirectiveChangesTheContinuationCharacter() {
        String dockerfile = "# escape=`\r\nFROM `\r\n  windows:1\r\nRUN dir c:\\\r\nFROM next:1\r\n";
        assertEquals(List.of("windows:1", "next:1"), names(dockerfile));
    }

    @Test
    void duplicatesAreNamedOnce() {
        assertEquals(List.of("a:1"), names("FROM a:1\nFROM a:1\nCOPY --from=a:1 /x /x\n"));
    }

    /** A hostile directive line (blanks after the {@code =}) is read in linear time. */
    @Test
    void aLongDirectiveLineIsReadInLinearTime() {
        String blanks = " ".repeat(200_000);
        String dockerfile = "# escape=x" + blanks + "y\nFROM a:1\n";
        assertEquals(List.of("a:1"), assertTimeoutPreemptively(Duration.ofSeconds(10), () -> names(dockerfile)));
    }
}
