package io.scribehook.scribe.roles;

import io.scribehook.scribe.vtt.Turn;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a speaker talks, reduced to a clinician score: questions asked, clinician phrases ({@code
 * let's}, {@code i'm going to order}, {@code on exam}, {@code i want you to}), second person rather
 * than first, patient phrases (first-person symptoms, {@code doc}), and share of the talk. Higher
 * means more like a clinician; the scale only matters for comparing speakers.
 */
record TalkProfile(String speaker, int words, int turns, double score) {
    private static final Pattern CLINICIAN = Pattern.compile(
            "\\b(let's|let us|let me|i'm going to|i'm gonna|i'm gon na|i am going to|we're going to|we're gon na"
                    + "|we are going to|we'll|we will|i want you to|i'd like you to|i would like you to|i'd like to"
                    + "|on exam|on examination|on physical exam|physical exam|your exam|on your|i recommend"
                    + "|i'd recommend|i would recommend|recommend|prescribe|prescription|order|refer|referral"
                    + "|your blood pressure|your heart|your lungs|take a look|take a listen|any questions"
                    + "|follow up|follow-up|come back|see you back|lab|labs|x-ray|results|diagnosis|assessment"
                    + "|plan|impression|tenderness|range of motion|bilaterally|regular rate|auscultation|murmur"
                    + "|how are you|how is|how's|how long|how often|how much|tell me|can you|could you|do you"
                    + "|have you|are you|did you|does it|is it|any|okay|alright|all right|sounds good)\\b");
    private static final Pattern PATIENT = Pattern.compile(
            "\\b(i've been|i have been|i feel|i felt|i'm feeling|it hurts|hurts|my pain|i noticed|i get|i got"
                    + "|i had|i was|i take|i'm taking|i've had|my wife|my husband|my son|my daughter|my mom|my dad"
                    + "|my back|my knee|my chest|my stomach|thank you|thanks|doc|doctor|yes|yeah|no|nope|sure|mm-hmm"
                    + "|uh|um|i don't know|i do n't know|i think|kinda|sort of|i guess)\\b");
    private static final Pattern YOU = Pattern.compile("\\b(you|your|you're|you've|yourself|you'll)\\b");
    private static final Pattern ME = Pattern.compile("\\b(i|my|me|i'm|i've|myself|mine|i'll)\\b");
    private static final Pattern QUESTION_START = Pattern.compile(
            "(^|[.?!]\\s*)(do|does|did|are|is|have|has|can|could|would|how|what|when|where|which|who|why|any)\\b");

    static TalkProfile of(String speaker, List<Turn> turns, int totalWords, int speakers) {
        int words = 0;
        int questions = 0;
        int clinician = 0;
        int patient = 0;
        int you = 0;
        int me = 0;
        for (Turn t : turns) {
            String text = t.text().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
            words += text.isBlank() ? 0 : text.strip().split("\\s+").length;
            int marks = count(text, Pattern.compile("\\?"));
            questions += marks > 0 ? marks : count(text, QUESTION_START);
            clinician += count(text, CLINICIAN);
            patient += count(text, PATIENT);
            you += count(text, YOU);
            me += count(text, ME);
        }
        double perTurn = turns.isEmpty() ? 0 : 1.0 / turns.size();
        double perWord = words == 0 ? 0 : 1.0 / words;
        double share = totalWords == 0 ? 0 : (double) words / totalWords;
        double score = 1.0 * questions * perTurn
                + 8.0 * clinician * perWord
                - 8.0 * patient * perWord
                + 10.0 * (you - me) * perWord
                + 2.0 * (share - 1.0 / Math.max(1, speakers));
        return new TalkProfile(speaker, words, turns.size(), score);
    }

    private static int count(String text, Pattern p) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
