package dev.unravel.detect.apply;

import static dev.unravel.detect.apply.RecordCsv.APPLICANTS;
import static dev.unravel.detect.apply.RecordCsv.INTERVIEWS;
import static dev.unravel.detect.apply.RecordCsv.applicant;
import static dev.unravel.detect.apply.RecordCsv.csv;
import static dev.unravel.detect.apply.RecordCsv.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Signal;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterviewDetectorTest {

    private static List<Signal> run(String interviews) {
        return new DetectorHarness()
                .with("applicants", csv(APPLICANTS, applicant("A1", "Mark", "Thomas"), applicant("A2", "Ann", "Lee")))
                .with("applicant-interviews", interviews).run(new InterviewDetector());
    }

    @Test
    void aCameraRefusedOnVideoWithAnswersReadOutIsReportedWithBothReasons() {
        List<Signal> signals = run(csv(INTERVIEWS, row("applicant_id", "A1", "interview_at",
                "2026-01-22T13:05:09Z", "format", "video", "camera_on", "false", "outcome", "hire", "notes",
                "Camera would not turn on; audio only.\nAnswers sounded read out.")));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.strength()).isEqualTo(0.4);
            assertThat(s.explanation()).contains("camera off", "read out", "Mark Thomas");
        });
    }

    @Test
    void aNoteRestatingTheCameraCountsOnceAndAPhoneInterviewNeedsNoCamera() {
        List<Signal> signals = run(csv(INTERVIEWS,
                row("applicant_id", "A1", "interview_at", "2026-01-22T13:05:09Z", "format", "video", "camera_on",
                        "false", "outcome", "reject", "notes", "Candidate kept camera off."),
                row("applicant_id", "A2", "interview_at", "2026-01-22T15:05:09Z", "format", "phone", "camera_on",
                        "false", "outcome", "advance", "notes", "Strong fundamentals.")));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject().value()).isEqualTo("A1");
            assertThat(s.strength()).isEqualTo(0.3);
        });
    }

    @Test
    void theSameInterviewInTheNextSnapshot_isOneFinding_andANoteCorrectedLaterTakesItBack() {
        String twice = csv(INTERVIEWS,
                row("applicant_id", "A1", "interview_at", "2026-01-22T13:05:09Z", "format", "video", "camera_on",
                        "false", "outcome", "hire", "notes", "Audio only."),
                row("applicant_id", "A1", "interview_at", "2026-01-22T13:05:09Z", "format", "video", "camera_on",
                        "false", "outcome", "hire", "notes", "Audio only. (checked)"),
                row("applicant_id", "A2", "interview_at", "2026-01-22T15:05:09Z", "format", "video", "camera_on",
                        "true", "outcome", "hire", "notes", "Long pauses before answers."),
                row("applicant_id", "A2", "interview_at", "2026-01-22T15:05:09Z", "format", "video", "camera_on",
                        "true", "outcome", "hire", "notes", "Thoughtful answers."));
        assertThat(run(twice)).singleElement().satisfies(s -> assertThat(s.subject().value()).isEqualTo("A1"));
    }

    @Test
    void notesAloneAreWeakAndTheMarkersAreASetting() {
        String interviews = csv(INTERVIEWS, row("applicant_id", "A2", "interview_at", "2026-01-22T15:05:09Z",
                "format", "video", "camera_on", "true", "outcome", "hire", "notes",
                "Strong on paper; long pauses before answers."));
        assertThat(run(interviews)).singleElement().satisfies(s -> assertThat(s.strength()).isEqualTo(0.2));
        assertThat(new DetectorHarness().with("applicant-interviews", interviews)
                .settings(InterviewDetector.ID, Map.of("note_markers", List.of("deepfake")))
                .run(new InterviewDetector())).isEmpty();
    }
}
