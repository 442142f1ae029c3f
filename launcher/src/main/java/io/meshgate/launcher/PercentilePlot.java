package io.meshgate.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A latency-by-percentile plot (PNG, drawn with XChart) of one or more histograms, in the style
 * of HdrHistogram's plotter: the x axis is log10(1/(1 − percentile)), labelled 90 %, 99 %,
 * 99.9 % …, so each further "nine" of the tail gets as much room as the median.
 */
final class PercentilePlot {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 540;

    private PercentilePlot() {
    }

    /** Writes the plot of {@code series} (name → latencies in µs) to {@code png}. */
    static Path write(Path png, String title, Map<String, Histogram> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("percentile").yAxisTitle("latency (ms)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(PercentilePlot::percentileLabel);
        for (Map.Entry<String, Histogram> e : series.entrySet()) {
            if (e.getValue().getTotalCount() == 0) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (HistogramIterationValue v : e.getValue().percentiles(5)) {
                double p = v.getPercentileLevelIteratedTo() / 100.0;
                if (p >= 1.0) {
                    break;
                }
                x.add(Math.log10(1 / (1 - p)));
                y.add(Math.max(0.001, v.getValueIteratedTo() / 1000.0));
            }
            if (!x.isEmpty()) {
                XYSeries s = chart.addSeries(e.getKey(), x, y);
                s.setMarker(SeriesMarkers.NONE);
            }
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return png;
    }

    /** 0 → "0%", 1 → "90%", 2 → "99%", 3 → "99.9%"; no label between whole numbers. */
    static String percentileLabel(double x) {
        if (Math.abs(x - Math.rint(x)) > 1e-6) {
            return "";
        }
        double p = 100 * (1 - Math.pow(10, -Math.rint(x)));
        String s = String.format(java.util.Locale.ROOT, "%.4f", p).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }
}
