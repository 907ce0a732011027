package org.vpsconnector.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Latency over time: each request kind's p50 and p99 per second, drawn as a PNG. */
final class LatencyChart {
    private LatencyChart() {
    }

    static void draw(String title, List<LoadFigures.Interval> timeline, Path png) {
        System.setProperty("java.awt.headless", "true");
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (LoadFigures.Interval interval : timeline) {
            if (interval.count() == 0) {
                continue;
            }
            series.computeIfAbsent(interval.kind() + " p99", XYSeries::new).add(interval.second(), interval.p99Millis());
            series.computeIfAbsent(interval.kind() + " p50", XYSeries::new).add(interval.second(), interval.p50Millis());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "seconds since the start", "latency (ms)", data,
                PlotOrientation.VERTICAL, true, false, false);
        try {
            ChartUtils.saveChartAsPNG(png.toFile(), chart, 1400, 800);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }
}
