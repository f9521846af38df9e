package dev.easel.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.api.JobOutput;
import dev.easel.api.JobState;
import dev.easel.api.StatusReader;
import dev.easel.api.StatusResponse;
import dev.easel.text.Text;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowJson;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A {@code /status} (or {@code /runsync}) answer saved to a file, as the tutorial's
 * {@code curl … | jq . > comfyui_output.json} writes it: read, and checked to hold images.
 */
public record SavedStatus(StatusResponse status, JobOutput.Images images) {

    /**
     * Reads the answer.
     *
     * @throws LibraryException with a sentence for the user when the file is missing, is not such an answer, or its
     *                          job failed, is unfinished or saved no images
     */
    public static SavedStatus read(Path file) throws LibraryException {
        StatusResponse status;
        try {
            if (Files.size(file) > STREAMED_FROM) {
                // images decoded into temporary files as the answer is read: never the whole answer as strings
                status = StatusReader.read(file, null);
            } else {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                // Windows editors and PowerShell's Out-File start UTF-8 with a byte order mark
                JsonNode body = WorkflowJson.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
                if (!body.isObject()) {
                    throw new LibraryException(Text.of("library.status.notStatus", file));
                }
                status = StatusResponse.parse(body);
            }
        } catch (NoSuchFileException e) {
            throw new LibraryException(Text.of("file.none", file));
        } catch (MalformedInputException | JsonEOFException e) {
            throw new LibraryException(e instanceof JsonEOFException
                    ? Text.of("library.status.cutShort", file) : Text.of("library.status.notText", file));
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new LibraryException(at == null
                    ? Text.of("library.status.notJson", file, WorkflowJson.plain(e))
                    : Text.of("library.status.notJsonAt", file, at.getLineNr(), at.getColumnNr(), WorkflowJson.plain(e)));
        } catch (IOException e) {
            throw new LibraryException(Text.of("file.unreadable", file, e.getMessage()));
        } catch (WorkflowException e) {
            throw new LibraryException(e.text(), e);
        }
        try {
            return check(file, status);
        } catch (LibraryException e) {
            status.discard();
            throw e;
        }
    }

    /** Deletes the temporary files of images decoded while reading; call it when done with the images. */
    public void discard() {
        status.discard();
    }

    private static SavedStatus check(Path file, StatusResponse status) throws LibraryException {
        if (status.rawStatus() == null) {
            throw new LibraryException(Text.of("library.status.notStatus", file));
        }
        var failure = status.failure();
        if (failure.isPresent()) {
            throw new LibraryException(failure.get().detail().isBlank()
                    ? Text.of("library.status.failed", status.id(), failure.get().summary())
                    : Text.of("library.status.failedDetail", status.id(), failure.get().summary(), failure.get().detail()));
        }
        if (status.state() != JobState.COMPLETED) {
            throw new LibraryException(Text.of("library.status.notDone", status.id(), status.rawStatus()));
        }
        if (!(status.output() instanceof JobOutput.Images images)) {
            throw new LibraryException(Text.of("library.status.noImages"));
        }
        return new SavedStatus(status, images);
    }

    /** Files larger than this are read streaming. */
    private static final long STREAMED_FROM = 1024 * 1024;
}
